/** Drives the emulator's KMS and CloudTrail in-process through `handle()`, as the JSON 1.1 wire protocol does. */
import { expect } from 'vitest'
import { createEmulator, type Emulator, type EmulatorOptions } from '@/lib/emulator/create-emulator'
import { kmsToSnapshot } from '@/lib/emulator/kms-snapshot'

export interface Answer {
  status: number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

export const T0 = new Date('2026-01-05T10:00:00.000Z')
export const b64 = (text: string) => btoa(text)
export const text = (base64: string) => atob(base64)

export function kmsHarness(options: EmulatorOptions = {}) {
  const emulator: Emulator = createEmulator({ now: () => T0, ...options })
  const post = async (target: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await emulator.handle(
      new Request('http://127.0.0.1:4566/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    )
    const raw = await response.text()
    return { status: response.status, body: raw ? JSON.parse(raw) : undefined }
  }
  const kms = (operation: string, body: unknown = {}, headers?: Record<string, string>) =>
    post(`TrentService.${operation}`, body, headers)
  /** Like kms(), but fails the test unless the call succeeded. */
  const ok = async (operation: string, body: unknown = {}) => {
    const answer = await kms(operation, body)
    if (answer.status !== 200) throw new Error(`${operation} failed: ${JSON.stringify(answer.body)}`)
    return answer.body
  }
  const lookup = (body: unknown = {}) =>
    post('com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents', body)
  const createKey = async (body: Record<string, unknown> = {}) =>
    (await ok('CreateKey', body)).KeyMetadata as { KeyId: string; Arn: string }
  /** Keys and aliases as JSON, to compare before and after a call that must not change them. */
  const stateOf = () => {
    const snap = kmsToSnapshot(emulator) as { keys: unknown; aliases: unknown }
    return JSON.stringify({ keys: snap.keys, aliases: snap.aliases })
  }
  return { emulator, kms, ok, lookup, createKey, stateOf }
}

/** Asserts a KMS error answer: status 400, the `__type`, and the exact message (undefined = no message member). */
export function expectError(answer: Answer, type: string, message?: string) {
  expect(answer.status).toBe(400)
  expect(answer.body).toEqual(message === undefined ? { __type: type } : { __type: type, message })
}

/**
 * An independent check of the at-rest format: a stored SSE-C object (the customer's key is the data key) is
 * decrypted with node:crypto alone, the nonce and AAD built from the text of docs/at-rest-format.md, not from the
 * project's exports. If the code and the document drift apart, this fails.
 */
import { createDecipheriv } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toSnapshot } from '@/lib/emulator/snapshot'
import { customerKey, ssecHeaders, sseCHarness } from '../../helpers/sse'

const doc = readFileSync('docs/at-rest-format.md', 'utf8')
const formula = /sealed_i = AES-256-GCM\(([\s\S]*?)\)\s+→/.exec(doc)?.[1] ?? ''
const field = (name: string) => new RegExp(`${name}\\s*=\\s*([\\s\\S]*?),\\n`).exec(formula)?.[1]?.replace(/\s+/g, ' ')

/** The AAD as the document writes it: quoted strings and names joined by ‖. */
function aadFromDoc(values: { objectArn: string; partNumber: number; i: number; last: boolean }): Buffer {
  const expression = field('aad')
  if (!expression) throw new Error('docs/at-rest-format.md no longer states the AAD')
  const parts = expression.split('‖').map((t) => t.trim())
  return Buffer.from(
    parts
      .map((token) => {
        if (token.startsWith('"')) return JSON.parse(token) as string
        if (token === 'objectArn') return values.objectArn
        if (token === 'partNumber') return String(values.partNumber)
        if (token === 'i') return String(values.i)
        if (token === '("last" | "more")') return values.last ? 'last' : 'more'
        throw new Error(`docs/at-rest-format.md's AAD has a term this check does not know: ${token}`)
      })
      .join(''),
  )
}

/** The nonce as the document writes it: nonceBase XOR (seven zero bytes ‖ uint32_be(i) ‖ last_i). */
function nonceFromDoc(base: Buffer, i: number, last: boolean): Buffer {
  expect(field('nonce')).toBe('nonceBase XOR (0x00 × 7 ‖ uint32_be(i) ‖ last_i)')
  const counter = Buffer.alloc(12)
  counter.writeUInt32BE(i, 7)
  counter[11] = last ? 1 : 0
  return Buffer.from(base.map((b, k) => b ^ counter[k]!))
}

type Part = { format: string; partNumber: number; size: number; segmentBytes: number; nonceBase: { $b64: string } }
function findParts(value: unknown, out: (Part & { sealedBytes: { $b64: string } })[] = []) {
  if (Array.isArray(value)) value.forEach((v) => findParts(v, out))
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (o.format === 'seg1' && o.sealedBytes) out.push(o as never)
    else Object.values(o).forEach((v) => findParts(v, out))
  }
  return out
}

describe('the at-rest format, read with node:crypto from its documentation alone', () => {
  it.each([0, 1, 63, 64, 65, 200])('a %i-byte SSE-C object in 64-byte segments', async (size) => {
    const key = customerKey(7)
    const s3 = await sseCHarness('indep', { segmentBytes: 64 })
    const body = Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff))
    expect((await s3.tls('PUT', '/indep/doc.bin', { body, headers: ssecHeaders(key) })).status).toBe(200)

    const parts = findParts(toSnapshot(s3.emulator.s3))
    expect(parts).toHaveLength(1)
    const part = parts[0]!
    const sealed = Buffer.from(part.sealedBytes.$b64, 'base64')
    const base = Buffer.from(part.nonceBase.$b64, 'base64')
    const S = part.segmentBytes
    const n = Math.max(1, Math.ceil(size / S))
    expect(S).toBe(64)
    expect(sealed.length).toBe(size + 16 * n)

    const plain: Buffer[] = []
    for (let i = 0; i < n; i++) {
      const last = i === n - 1
      const segment = sealed.subarray(i * (S + 16), Math.min((i + 1) * (S + 16), sealed.length))
      const decipher = createDecipheriv('aes-256-gcm', key, nonceFromDoc(base, i, last))
      decipher.setAAD(aadFromDoc({ objectArn: 'arn:aws:s3:::indep/doc.bin', partNumber: 1, i, last }))
      decipher.setAuthTag(segment.subarray(segment.length - 16))
      plain.push(decipher.update(segment.subarray(0, segment.length - 16)), decipher.final())
    }
    expect(Buffer.concat(plain).equals(body)).toBe(true)
  })
})

/**
 * Ctrl-C in a transfer (lib/cli/interrupt.ts): the command stops where it is and cleans up, as aws-cli does.
 * A stopped multipart upload is aborted (no object, no upload in progress), a stopped download writes no
 * file, a stopped sync sends nothing more, and the next line waits for the cleanup. Real SDK, real HTTP
 * emulator; Ctrl-C is pressed when the emulator has answered a given request, or a few ms later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromUtf8 } from '@/lib/crypto/bytes'
import { createSession, INTERRUPTED, type Session } from '@/lib/cli/session'
import { emulatorTarget } from '@/lib/sdk/clients'
import type { RequestEvent } from '@/lib/emulator/events'
import { startEmulator, type RunningEmulator } from '../../../../helpers/server'

const MiB = 1024 * 1024
let running: RunningEmulator
let session: Session
const seen: RequestEvent[] = []

beforeAll(async () => {
  running = await startEmulator()
  running.emulator.events.subscribe((e) => seen.push(e))
  session = createSession({ target: emulatorTarget(running.endpoint), timeZone: 'UTC' })
  const big = new Uint8Array(20 * MiB)
  for (let i = 0; i < big.length; i += 4096) big[i] = i % 251
  session.shell.vfs.write('/home/learner/big20.bin', big)
  const mb = await run('aws s3 mb s3://bkt-abort')
  expect(mb.stderr).toBe('')
})
afterAll(() => running?.close())

/** Runs a line; Ctrl-C comes `delayMs` after the emulator has answered the first `operation` (none when not given). */
async function run(line: string, press?: { operation: string; delayMs?: number }) {
  const ctrl = new AbortController()
  let stdout = ''
  let stderr = ''
  const stop = running.emulator.events.subscribe((e) => {
    if (!press || e.operation !== press.operation || ctrl.signal.aborted) return
    if (!press.delayMs) ctrl.abort()
    else setTimeout(() => ctrl.abort(), press.delayMs)
  })
  const code = await session.run(
    line,
    { out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)), err: (t) => (stderr += t) },
    ctrl.signal,
  )
  stop()
  return { code, stdout, stderr }
}

const afterFirstPart = (delayMs: number) => ({ operation: 'UploadPart', delayMs })

async function leftovers() {
  await session.settled()
  const uploads = JSON.parse(
    (await run('aws s3api list-multipart-uploads --bucket bkt-abort --output json')).stdout || '{}',
  )
  const objects = (await run('aws s3 ls s3://bkt-abort/ --recursive')).stdout
  return { uploads: uploads.Uploads ?? [], objects }
}

describe('Ctrl-C in aws s3 cp (multipart upload, SSE-KMS)', () => {
  for (const delayMs of [0, 1, 3, 7]) {
    it(`aborts the upload: no object, no upload in progress (Ctrl-C ${delayMs} ms after the first part)`, async () => {
      const from = seen.length
      const r = await run('aws s3 cp /home/learner/big20.bin s3://bkt-abort/k --sse aws:kms', afterFirstPart(delayMs))
      expect(r.code).toBe(INTERRUPTED)
      expect(await leftovers()).toEqual({ uploads: [], objects: '' })
      const ops = seen.slice(from).map((e) => e.operation)
      expect(ops).toContain('AbortMultipartUpload')
      expect(ops).not.toContain('CompleteMultipartUpload')
      // Nothing is sent for the upload after it is aborted.
      expect(ops.slice(ops.indexOf('AbortMultipartUpload') + 1).filter((o) => o === 'UploadPart')).toEqual([])
    })
  }

  it('the next line waits for the cleanup: it never sees the aborted upload', async () => {
    const ctrl = new AbortController()
    const printed: string[] = []
    const stopped = session.run(
      'aws s3 cp /home/learner/big20.bin s3://bkt-abort/k3',
      {
        out: (t) => printed.push(typeof t === 'string' ? t : fromUtf8(t)),
        err: () => {},
      },
      ctrl.signal,
    )
    const stop = running.emulator.events.subscribe((e) => e.operation === 'UploadPart' && ctrl.abort())
    expect(await stopped).toBe(INTERRUPTED)
    stop()
    // No settled() here: the line itself must wait.
    const listed = await run('aws s3api list-multipart-uploads --bucket bkt-abort --output json')
    expect(JSON.parse(listed.stdout || '{}').Uploads ?? []).toEqual([])
  })
})

describe('Ctrl-C in downloads, sync and lines', () => {
  beforeAll(async () => {
    expect((await run('aws s3 cp /home/learner/big20.bin s3://bkt-abort/whole.bin')).code).toBe(0)
  })

  it('a ranged download stopped after its first range writes no file', async () => {
    const r = await run('aws s3 cp s3://bkt-abort/whole.bin /home/learner/down.bin', { operation: 'GetObject' })
    expect(r.code).toBe(INTERRUPTED)
    await session.settled()
    expect(session.shell.vfs.exists('/home/learner/down.bin')).toBe(false)
  })

  it('a single GET stopped while its body arrives writes no file', async () => {
    expect((await run('aws s3 cp /home/learner/small.txt s3://bkt-abort/small.txt')).code).not.toBe(0) // no such file yet
    session.shell.vfs.write('/home/learner/small.txt', new Uint8Array(1 * MiB).fill(7))
    expect((await run('aws s3 cp /home/learner/small.txt s3://bkt-abort/small.txt')).code).toBe(0)
    const ctrl = new AbortController()
    const stop = running.emulator.events.subscribe((e) => e.operation === 'GetObject' && ctrl.abort())
    const code = await session.run(
      'aws s3 cp s3://bkt-abort/small.txt /home/learner/small-down.txt',
      { out() {}, err() {} },
      ctrl.signal,
    )
    stop()
    expect(code).toBe(INTERRUPTED)
    await session.settled()
    expect(session.shell.vfs.exists('/home/learner/small-down.txt')).toBe(false)
  })

  it('sync stopped after its first file sends no other', async () => {
    session.shell.vfs.mkdir('/home/learner/dir')
    for (const n of [1, 2, 3, 4]) session.shell.vfs.write(`/home/learner/dir/f${n}.txt`, new Uint8Array(64).fill(n))
    const from = seen.length
    const r = await run('aws s3 sync /home/learner/dir s3://bkt-abort/dir', { operation: 'PutObject' })
    expect(r.code).toBe(INTERRUPTED)
    await session.settled()
    const puts = seen.slice(from).filter((e) => e.operation === 'PutObject')
    expect(puts.map((e) => e.key)).toEqual(['dir/f1.txt'])
  })

  it('a stopped line runs nothing after the stopped command, and redirects nothing', async () => {
    const from = seen.length
    const ctrl = new AbortController()
    const stop = running.emulator.events.subscribe((e) => e.operation === 'GetObject' && ctrl.abort())
    const code = await session.run(
      'aws s3 cp s3://bkt-abort/small.txt - > /home/learner/redirected.txt ; aws s3 mb s3://after-ctrl-c',
      { out() {}, err() {} },
      ctrl.signal,
    )
    stop()
    expect(code).toBe(INTERRUPTED)
    await session.settled()
    expect(session.shell.vfs.exists('/home/learner/redirected.txt')).toBe(false)
    expect(seen.slice(from).map((e) => e.operation)).not.toContain('CreateBucket')
  })

  it('openssl enc stopped while it derives its key writes no output', async () => {
    const ctrl = new AbortController()
    const code = session.run(
      'openssl enc -aes-256-cbc -pbkdf2 -iter 2000000 -pass pass:x -in /home/learner/big20.bin -out /home/learner/big.enc',
      { out() {}, err() {} },
      ctrl.signal,
    )
    setTimeout(() => ctrl.abort(), 5)
    expect(await code).toBe(INTERRUPTED)
    await session.settled()
    expect(session.shell.vfs.exists('/home/learner/big.enc')).toBe(false)
  })
})

/**
 * A client that goes away in the middle of a streamed PutObject or UploadPart leaves nothing behind: the
 * Node server encrypts the body as it arrives, and the part's blob is thrown away unless the body ends
 * whole and verified. Raw sockets, since no SDK sends a short body on purpose.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../helpers/server'
import { memoryBlobs } from '../helpers/at-rest'

let running: RunningEmulator
beforeAll(async () => {
  running = await startEmulator({ segmentBytes: 1024 })
  expect((await fetch(`${running.endpoint}/cut`, { method: 'PUT' })).status).toBe(200)
})
afterAll(() => running.close())

/** Sends the head and `sent` of the `declared` body bytes, then closes the connection. */
function cutShort(path: string, declared: number, sent: number, extra = ''): Promise<void> {
  const { port } = new URL(running.endpoint)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`PUT ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${declared}\r\n${extra}\r\n`)
      socket.write(Buffer.alloc(sent, 0x61), () => setTimeout(() => socket.destroy(), 200))
    })
    socket.on('close', () => resolve())
    socket.on('error', reject)
  })
}

describe('a body cut short', () => {
  it('PutObject: no object, no blob, and the server keeps serving', async () => {
    const blobs = memoryBlobs(running.emulator)
    const before = blobs.count
    await cutShort('/cut/partial.bin', 100_000, 40_000)
    await new Promise((r) => setTimeout(r, 200))
    expect((await fetch(`${running.endpoint}/cut/partial.bin`, { method: 'HEAD' })).status).toBe(404)
    expect(blobs.count).toBe(before)
    const ok = await fetch(`${running.endpoint}/cut/whole.bin`, { method: 'PUT', body: 'whole' })
    expect(ok.status).toBe(200)
    expect(await (await fetch(`${running.endpoint}/cut/whole.bin`)).text()).toBe('whole')
  })

  it('UploadPart: the part is not listed and its blob is gone', async () => {
    const created = await (await fetch(`${running.endpoint}/cut/mp?uploads`, { method: 'POST' })).text()
    const uploadId = /<UploadId>([^<]+)</.exec(created)![1]!
    const before = memoryBlobs(running.emulator).count
    await cutShort(`/cut/mp?partNumber=1&uploadId=${encodeURIComponent(uploadId)}`, 50_000, 10_000)
    await new Promise((r) => setTimeout(r, 200))
    const parts = await (await fetch(`${running.endpoint}/cut/mp?uploadId=${encodeURIComponent(uploadId)}`)).text()
    expect(parts).not.toContain('<Part>')
    expect(memoryBlobs(running.emulator).count).toBe(before)
  })
})

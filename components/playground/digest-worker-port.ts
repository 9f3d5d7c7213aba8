/**
 * The digest port of lib/crypto/digest.ts, served by a dedicated Web Worker (digest.worker.ts): the emulator
 * in the page asks for MD5 and checksums of every PutObject and UploadPart body as it streams in, and each
 * chunk is copied to the worker instead of hashed here. Only the final digest is awaited, once the body has
 * been read, so the main thread never runs the hash loops. Without Worker support the port stays unset and
 * the same code hashes on the calling thread.
 */
import type { ChecksumAlgorithm } from '@/lib/crypto/checksums'
import { setDigestPort, type Digest } from '@/lib/crypto/digest'

export type DigestRequest =
  | { op: 'open'; id: number; algorithm: ChecksumAlgorithm }
  | { op: 'update'; id: number; data: Uint8Array }
  /** The same bytes as the last update, for another digest of the same chunk: one copy serves them all. */
  | { op: 'again'; id: number }
  | { op: 'digest'; id: number }
export type DigestReply = { id: number; result: Uint8Array; error?: undefined } | { id: number; error: string }

let installed = false

export function installDigestWorker(): void {
  if (installed || typeof Worker === 'undefined') return
  installed = true
  let worker: Worker
  try {
    worker = new Worker(new URL('./digest.worker.ts', import.meta.url), { type: 'module', name: 'digests' })
  } catch {
    return // a page that may not start workers hashes on the main thread, as before
  }
  const waiting = new Map<number, { resolve(d: Uint8Array): void; reject(e: Error): void }>()
  let next = 1
  let lastSent: Uint8Array | undefined
  worker.onmessage = ({ data }: MessageEvent<DigestReply>) => {
    const w = waiting.get(data.id)
    waiting.delete(data.id)
    if (data.error !== undefined) w?.reject(new Error(data.error))
    else w?.resolve(data.result)
  }
  worker.onerror = () => {
    // A worker that cannot run: later bodies are hashed here again; the ones in flight fail with a 500.
    setDigestPort(undefined)
    for (const w of waiting.values()) w.reject(new Error('the digest worker failed'))
    waiting.clear()
  }
  const post = (m: DigestRequest, transfer: Transferable[] = []) => worker.postMessage(m, transfer)
  setDigestPort((algorithm): Digest => {
    const id = next++
    post({ op: 'open', id, algorithm })
    return {
      update(chunk) {
        // Several digests of one body take the same chunk one after another in one synchronous loop, where
        // its bytes cannot change: the first sends it, the others name it. The memory ends with the turn.
        if (lastSent === chunk) return post({ op: 'again', id })
        // A copy, transferred: the caller goes on to encrypt and store the chunk it passed.
        const data = chunk.slice()
        post({ op: 'update', id, data }, [data.buffer])
        lastSent = chunk
        queueMicrotask(() => (lastSent = undefined))
      },
      digest: () =>
        new Promise<Uint8Array>((resolve, reject) => {
          waiting.set(id, { resolve, reject })
          post({ op: 'digest', id })
        }),
    }
  })
}

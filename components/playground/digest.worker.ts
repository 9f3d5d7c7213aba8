/**
 * The page's hashing thread: MD5, CRC and SHA digests of streamed request bodies, which in JavaScript take
 * seconds for a large upload and would otherwise block the main thread (docs/architecture.md, "Byte work and
 * the main thread"). Messages arrive in order, so each digest sees its chunks in the order they were sent.
 */
import { createLocalDigest, type Digest } from '@/lib/crypto/digest'
import type { DigestRequest, DigestReply } from './digest-worker-port'

const open = new Map<number, Digest>()
let last: Uint8Array | undefined
const scope = self as unknown as {
  onmessage: (e: MessageEvent<DigestRequest>) => void
  postMessage(m: unknown, t?: Transferable[]): void
}

scope.onmessage = async ({ data: m }) => {
  if (m.op === 'open') open.set(m.id, createLocalDigest(m.algorithm))
  else if (m.op === 'update') open.get(m.id)?.update((last = m.data))
  else if (m.op === 'again') open.get(m.id)?.update(last!)
  else {
    const d = open.get(m.id)
    open.delete(m.id)
    let reply: DigestReply
    try {
      if (!d) throw new Error(`digest ${m.id} was never opened`)
      const result = await d.digest()
      reply = { id: m.id, result }
      scope.postMessage(reply, [result.buffer])
    } catch (e) {
      reply = { id: m.id, error: String(e) }
      scope.postMessage(reply)
    }
  }
}

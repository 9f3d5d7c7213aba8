/**
 * Watching a body go by without reading it twice: the inspector needs each body's size and, for small
 * ones, a preview. A tap passes every piece through unchanged while it counts them and keeps the first
 * MAX_PREVIEW + 1 bytes, so a large upload or download is never copied or held whole for the inspector.
 */
import { MAX_PREVIEW } from '../../inspector/exchange'

export interface BodyTap {
  stream: ReadableStream<Uint8Array>
  /** Bytes that have passed so far. */
  readonly size: number
  /** The whole body when it was small enough to preview (and has ended), else undefined. */
  preview(): Uint8Array | undefined
  /** Reads what the consumer left unread (an error answered before the body), counting it. */
  drain(): Promise<void>
}

export function tapBody(body: ReadableStream<Uint8Array>): BodyTap {
  let size = 0
  let done = false
  const head: Uint8Array[] = []
  let headBytes = 0
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.length
      if (headBytes <= MAX_PREVIEW) {
        const keep = chunk.slice(0, MAX_PREVIEW + 1 - headBytes)
        head.push(keep)
        headBytes += keep.length
      }
      controller.enqueue(chunk)
    },
    flush() {
      done = true
    },
  })
  const stream = body.pipeThrough(counter)
  return {
    stream,
    get size() {
      return size
    },
    preview() {
      if (!done || size > MAX_PREVIEW) return undefined
      const out = new Uint8Array(size)
      let at = 0
      for (const h of head) {
        out.set(h, at)
        at += h.length
      }
      return out
    },
    async drain() {
      if (done || stream.locked) return
      const reader = stream.getReader()
      try {
        while (!(await reader.read()).done) {
          /* counted by the transform */
        }
      } catch {
        // The body failed (the client went away): what passed is what the inspector shows.
      } finally {
        reader.releaseLock()
      }
    },
  }
}

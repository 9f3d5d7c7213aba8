/** Small builders for S3 responses, so every handler adds the same request-id headers. */
import { idHeaders, type RequestContext } from '../context'
import { xmlDocument, type XmlNode } from '../xml'

export const ok = (ctx: RequestContext, headers: Record<string, string> = {}, status = 200): Response =>
  new Response(null, { status, headers: { ...idHeaders(ctx), ...headers } })

export const xml = (
  ctx: RequestContext,
  root: string,
  nodes: XmlNode[],
  headers: Record<string, string> = {},
): Response =>
  new Response(xmlDocument(root, nodes), {
    status: 200,
    headers: { ...idHeaders(ctx), 'content-type': 'application/xml', ...headers },
  })

/** S3 timestamps in XML: ISO 8601 with milliseconds. */
export const isoDate = (d: Date) => d.toISOString()

/**
 * A streamed response body, pulled one piece at a time so a slow reader holds back decryption
 * (backpressure). An error after the status was sent can only end the body early: it is logged, and the
 * stream errors, which a host turns into a cut connection rather than a short "complete" body.
 */
export function toReadableStream(source: AsyncIterable<Uint8Array>, what: string): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const step = await iterator.next()
          if (step.done) controller.close()
          else controller.enqueue(step.value as Uint8Array<ArrayBuffer>)
        } catch (error) {
          console.error(`[emulator] ${what}: the body failed after the status was sent:`, error)
          controller.error(error)
        }
      },
      async cancel() {
        await iterator.return?.()
      },
    },
    { highWaterMark: 0 },
  )
}

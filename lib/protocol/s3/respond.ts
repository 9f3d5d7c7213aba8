/** Small builders for S3 responses, so every handler adds the same request-id headers. */
import { idHeaders, type RequestContext } from '../context'
import { xmlDocument, type XmlNode } from '../xml'

export const ok = (ctx: RequestContext, headers: Record<string, string> = {}, status = 200): Response =>
  new Response(null, { status, headers: { ...idHeaders(ctx), ...headers } })

export const xml = (ctx: RequestContext, root: string, nodes: XmlNode[], headers: Record<string, string> = {}): Response =>
  new Response(xmlDocument(root, nodes), {
    status: 200,
    headers: { ...idHeaders(ctx), 'content-type': 'application/xml', ...headers },
  })

/** S3 timestamps in XML: ISO 8601 with milliseconds. */
export const isoDate = (d: Date) => d.toISOString()

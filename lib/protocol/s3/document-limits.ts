/**
 * S3's size limits on request documents (XML configurations, a bucket policy) and on user metadata, checked
 * before a byte is buffered: the declared length first, then the bytes as they arrive (a chunked body declares
 * none). Numbers and errors: docs/fidelity.md §10.4–§10.6, Q11–Q12.
 */
import { S3Error } from '../../s3/errors'
import type { RequestBody } from '../request-body'

/** A bucket policy: 20 KB. */
export const MAX_POLICY_BYTES = 20 * 1024
/**
 * Any other request document (CompleteMultipartUpload with 10,000 parts, DeleteObjects with 1,000 keys and
 * every character escaped stay well under it). S3 publishes no number; this one is the emulator's.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
/** User metadata (x-amz-meta-* names without the prefix, plus values, in UTF-8 bytes): 2 KB. */
export const MAX_METADATA_BYTES = 2 * 1024

export const policyTooLarge = () =>
  new S3Error('PolicyTooLarge', 'Policy exceeds the maximum allowed document size.', 400)
export const maxMessageLengthExceeded = () => new S3Error('MaxMessageLengthExceeded', 'Your request was too big.', 400)

/** The body's size as the client declared it (decoded length for aws-chunked), or undefined. */
function declaredSize(headers: Headers): number | undefined {
  const value = headers.get('x-amz-decoded-content-length') ?? headers.get('content-length')
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined
}

/** Reads a document body of at most `max` bytes; a longer one is refused before (or as soon as) it is too long. */
export async function readDocument(
  payload: RequestBody,
  headers: Headers,
  max: number,
  tooLarge: () => S3Error,
): Promise<Uint8Array> {
  const declared = declaredSize(headers)
  if (declared !== undefined && declared > max) throw tooLarge()
  const parts: Uint8Array[] = []
  let size = 0
  for await (const chunk of payload.chunks()) {
    size += chunk.length
    if (size > max) throw tooLarge()
    parts.push(chunk)
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** 400 MetadataTooLarge when the x-amz-meta-* headers carry more than 2 KB. */
export function checkMetadataSize(headers: Headers): void {
  const encoder = new TextEncoder()
  let size = 0
  headers.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-'))
      size += encoder.encode(name.slice('x-amz-meta-'.length)).length + encoder.encode(value).length
  })
  if (size > MAX_METADATA_BYTES)
    throw new S3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', 400, {
      Size: String(size),
      MaxSizeAllowed: String(MAX_METADATA_BYTES),
    })
}

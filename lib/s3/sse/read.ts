/**
 * The encryption headers of a read (GetObject, HeadObject, GetObjectAttributes) or of a copy source,
 * checked against the stored object (docs/fidelity.md §1.1, §2.3 R1–R10, E3).
 */
import { invalidArgument } from '../errors'
import type { ObjectEncryption } from '../model'
import { checkReadKey, hasAny, insecureConnection, notApplicable, type CustomerKeyHeaders } from './customer-key'
import type { Transport } from './request'

export const SSE_NOT_SUPPORTED = 'x-amz-server-side-encryption header is not supported for this operation.'

/** E3: reads and UploadPart/Complete take no x-amz-server-side-encryption. */
export const sseHeaderNotSupported = () => invalidArgument(SSE_NOT_SUPPORTED)

/**
 * Returns the customer key when the object is SSE-C (checked against its salted HMAC), else undefined.
 * SSE-C headers over plain HTTP are refused (C8) as on writes.
 */
export async function checkReadHeaders(
  sse: ObjectEncryption,
  h: CustomerKeyHeaders,
  transport: Transport,
): Promise<Uint8Array | undefined> {
  if (hasAny(h) && !transport.secure && !transport.allowSseCOverHttp) throw insecureConnection()
  if (sse.algorithm === 'SSE-C') return checkReadKey(h, sse.keyCheck)
  if (hasAny(h)) throw notApplicable() // R5
  return undefined
}

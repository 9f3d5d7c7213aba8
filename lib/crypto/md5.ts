/** MD5 (RFC 1321). WebCrypto has none; S3 still uses it for ETags, Content-MD5 and the SSE-C key digest. */
import { md5 as nobleMd5 } from '@noble/hashes/legacy.js'
import { toBase64, toHex } from './bytes'
import { nativeHash } from './native'

export const md5 = (data: Uint8Array): Uint8Array => (nativeHash ? nativeHash('md5', data) : nobleMd5(data))
export const md5Hex = (data: Uint8Array): string => toHex(md5(data))
export const md5Base64 = (data: Uint8Array): string => toBase64(md5(data))

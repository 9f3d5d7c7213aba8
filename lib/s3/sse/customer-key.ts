/**
 * SSE-C: checking the three customer-key headers on writes (C1–C7) and reads (R1–R10), and recognising
 * the right key later without keeping it (a salted HMAC-SHA256, as the S3 user guide describes).
 * Messages and codes are real S3's (docs/fidelity.md §2.2, §2.3).
 */
import { buf, fromBase64, timingSafeEqual } from '../../crypto/bytes'
import { md5Base64 } from '../../crypto/md5'
import type { RandomSource } from '../../crypto/random'
import { invalidArgument, invalidRequest, S3Error } from '../errors'
import type { CustomerKeyCheck } from '../model'

/** The SSE-C trio as sent (absent = undefined). */
export interface CustomerKeyHeaders {
  algorithm?: string
  key?: string
  keyMd5?: string
}

export interface CustomerKey {
  key: Uint8Array
  /** base64 MD5 of the key, echoed in x-amz-server-side-encryption-customer-key-MD5. */
  md5: string
}

// In real S3 responses these errors name x-amz-server-side-encryption, not the customer-* header.
const ARG = 'x-amz-server-side-encryption'
const KEY_BYTES = 32

export const MESSAGES = {
  incompatible:
    'Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
  noAlgorithm:
    'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
  noKey:
    'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
  badAlgorithm: 'The Encryption request you specified is not valid. Supported value: AES256.',
  badKey: 'The secret key was invalid for the specified algorithm.',
  noMd5:
    'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.',
  badMd5: 'The calculated MD5 hash of the key did not match the hash that was provided.',
  insecure:
    'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.',
  stored:
    'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
  wrongKey:
    'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
  notApplicable: 'The encryption parameters are not applicable to this object.',
} as const

export const hasAny = (h: CustomerKeyHeaders) =>
  h.algorithm !== undefined || h.key !== undefined || h.keyMd5 !== undefined

// Simulation note: S3 answers "null" as the ArgumentValue of SSE-C errors that name no value (as it does for E10).
const argError = (message: string) => invalidArgument(message, ARG, 'null')
const badAlgorithm = (value: string) =>
  new S3Error('InvalidEncryptionAlgorithmError', MESSAGES.badAlgorithm, 400, {
    ArgumentName: ARG,
    ArgumentValue: value,
  })

/**
 * Write requests (PutObject, CopyObject destination, CreateMultipartUpload, UploadPart): checks in S3's
 * observed order, C1 → C2 → C3 → C4 → C5 → C7 → C6. `sse` is the x-amz-server-side-encryption header.
 */
export function validateWriteKey(h: CustomerKeyHeaders, sse?: string): CustomerKey {
  if (sse !== undefined) throw invalidArgument(MESSAGES.incompatible, ARG, sse) // C1
  if (h.algorithm === undefined) throw argError(MESSAGES.noAlgorithm) // C2
  if (h.key === undefined) throw argError(MESSAGES.noKey) // C3
  if (h.algorithm !== 'AES256') throw badAlgorithm(h.algorithm) // C4
  const key = fromBase64(h.key)
  if (key?.length !== KEY_BYTES) throw argError(MESSAGES.badKey) // C5
  // Simulation note: C7 (no MD5) is not observed on AWS; code and text are the ones peers use (docs/fidelity.md §9 Q2).
  if (h.keyMd5 === undefined) throw argError(MESSAGES.noMd5) // C7
  const md5 = md5Base64(key)
  if (md5 !== h.keyMd5) throw argError(MESSAGES.badMd5) // C6
  return { key, md5 }
}

/** SSE-C over plain HTTP (C8). Simulation note: AWS documents the refusal, not its code; this is MinIO's text. */
export const insecureConnection = () => new S3Error('InvalidRequest', MESSAGES.insecure, 400)

/** What a read (GET, HEAD, GetObjectAttributes, a copy source) sent, checked against the stored object. */
export interface ReadKeyOptions {
  /** For a copy source, the R7 error and wrong-key 403 are the same; only the headers differ. */
  copySource?: boolean
}

/**
 * Reads of an SSE-C object: R1 (no headers), R4 (algorithm), R10 (MD5), R2/R3 (wrong key: 403, compared
 * before any length check). Returns the key, which opens the object.
 */
export async function checkReadKey(h: CustomerKeyHeaders, check: CustomerKeyCheck): Promise<Uint8Array> {
  if (!hasAny(h)) throw invalidRequest(MESSAGES.stored) // R1, R6, R7
  if (h.algorithm === undefined) throw argError(MESSAGES.noAlgorithm)
  if (h.algorithm !== 'AES256') throw badAlgorithm(h.algorithm) // R4, R8
  if (h.key === undefined) throw argError(MESSAGES.noKey)
  const key = fromBase64(h.key)
  if (key === undefined) throw argError(MESSAGES.badKey)
  if (h.keyMd5 === undefined) throw argError(MESSAGES.noMd5)
  if (md5Base64(key) !== h.keyMd5) throw argError(MESSAGES.badMd5) // R10
  if (!(await keyMatches(key, check))) throw new S3Error('AccessDenied', MESSAGES.wrongKey, 403) // R2, R3, R9
  return key
}

/** R5: SSE-C headers for an object that is not SSE-C. */
export const notApplicable = () => invalidRequest(MESSAGES.notApplicable)

async function hmac(salt: Uint8Array, key: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', buf(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, buf(key)))
}

/** A fresh salted HMAC-SHA256 of the key (RFC 2104): enough to recognise it, useless to recover it. */
export async function keyCheck(key: Uint8Array, random: RandomSource): Promise<CustomerKeyCheck> {
  const salt = random(32)
  return { salt, mac: await hmac(salt, key) }
}

export const keyMatches = async (key: Uint8Array, check: CustomerKeyCheck): Promise<boolean> =>
  timingSafeEqual(await hmac(check.salt, key), check.mac)

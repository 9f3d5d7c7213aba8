/** SSE-C keys and headers for tests, and an https harness (S3 refuses SSE-C over plain http). */
import { createHash } from 'node:crypto'
import { harness, type Harness, type SendInit } from './handle'

export const TLS = 'https://127.0.0.1:4566'

export const customerKey = (fill: number) => Buffer.alloc(32, fill)

/** The three SSE-C headers for a key (`prefix` 'x-amz-copy-source-' for a copy source). */
export function ssecHeaders(key: Buffer, prefix = 'x-amz-'): Record<string, string> {
  return {
    [`${prefix}server-side-encryption-customer-algorithm`]: 'AES256',
    [`${prefix}server-side-encryption-customer-key`]: key.toString('base64'),
    [`${prefix}server-side-encryption-customer-key-MD5`]: createHash('md5').update(key).digest('base64'),
  }
}

export const md5Base64 = (data: Buffer | string) => createHash('md5').update(data).digest('base64')
export const md5Hex = (data: Buffer | string | Uint8Array) => createHash('md5').update(data).digest('hex')

export const UNBLOCK_SSE_C =
  '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>' +
  '<BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>'

export interface TlsHarness extends Harness {
  /** Like send, over https (so SSE-C is accepted). */
  tls(method: string, path: string, init?: SendInit): Promise<Response>
}

/** A harness with `bucket` created and SSE-C unblocked on it. */
export async function sseCHarness(bucket: string, options: Parameters<typeof harness>[0] = {}): Promise<TlsHarness> {
  const h = harness(options)
  const tls = (method: string, path: string, init: SendInit = {}) => h.send(method, TLS + path, init)
  if ((await h.send('PUT', `/${bucket}`)).status !== 200) throw new Error('bucket not created')
  if ((await h.send('PUT', `/${bucket}?encryption`, { body: UNBLOCK_SSE_C })).status !== 200)
    throw new Error('SSE-C not unblocked')
  return { ...h, tls }
}

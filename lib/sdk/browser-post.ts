/**
 * A presigned POST (browser form upload) built with the SDK's @aws-sdk/s3-presigned-post, with the encryption a
 * learner picks carried as form fields, each pinned by a policy condition so the form cannot be changed to
 * upload without it (docs/s3-behaviour.md, POST Object).
 */
import type { S3Client } from '@aws-sdk/client-s3'
import { fromBase64, fromUtf8, toBase64 } from '../crypto/bytes'
import { md5Base64 } from '../crypto/md5'

export type FormEncryption =
  { kind: 'none' } | { kind: 'AES256' } | { kind: 'aws:kms'; keyId?: string } | { kind: 'SSE-C'; key: Uint8Array }

export interface BrowserPostRequest {
  bucket: string
  /** May end in ${filename}: S3 puts the chosen file's name there. */
  key: string
  encryption: FormEncryption
  /** content-length-range 1..maxBytes. */
  maxBytes: number
  expiresSeconds: number
  /** 200, 201 (an XML answer) or 204 (the default). */
  successStatus?: '200' | '201' | '204'
}

export interface BrowserPost {
  url: string
  /** The form's fields, in the order the form sends them (the file goes last). */
  fields: [name: string, value: string][]
  /** The decoded policy document the signature covers. */
  policy: { expiration: string; conditions: unknown[] }
}

/** The SSE fields of a form, as PutObject's headers would carry them. */
export function encryptionFields(encryption: FormEncryption): Record<string, string> {
  switch (encryption.kind) {
    case 'none':
      return {}
    case 'AES256':
      return { 'x-amz-server-side-encryption': 'AES256' }
    case 'aws:kms':
      return {
        'x-amz-server-side-encryption': 'aws:kms',
        ...(encryption.keyId ? { 'x-amz-server-side-encryption-aws-kms-key-id': encryption.keyId } : {}),
      }
    case 'SSE-C':
      return {
        'x-amz-server-side-encryption-customer-algorithm': 'AES256',
        'x-amz-server-side-encryption-customer-key': toBase64(encryption.key),
        'x-amz-server-side-encryption-customer-key-MD5': md5Base64(encryption.key),
      }
  }
}

export async function buildBrowserPost(client: S3Client, request: BrowserPostRequest): Promise<BrowserPost> {
  // Loaded on first use: only this panel needs it.
  const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post')
  const Fields = {
    ...encryptionFields(request.encryption),
    ...(request.successStatus ? { success_action_status: request.successStatus } : {}),
  }
  const { url, fields } = await createPresignedPost(client, {
    Bucket: request.bucket,
    Key: request.key,
    Fields,
    Conditions: [['content-length-range', 1, request.maxBytes]],
    Expires: request.expiresSeconds,
  })
  const policy = JSON.parse(fromUtf8(fromBase64(fields.Policy ?? '') ?? new Uint8Array())) as BrowserPost['policy']
  return { url, fields: Object.entries(fields), policy }
}

/**
 * The emulator's at-rest path for one object, below the HTTP protocol, for the crypto benchmark: the SSE mode's
 * data key (SSE-S3 root-key wrap, SSE-KMS / DSSE-KMS through the emulator's KMS, SSE-C key check) and the sealing
 * of the body, then the way back. The only file of the benchmark that touches lib/s3's storage format.
 */
import type { Emulator } from '../../lib/emulator/create-emulator'
import { md5Base64 } from '../../lib/crypto/md5'
import { objectArn } from '../../lib/s3/model'
import { openPart, sealPart } from '../../lib/s3/at-rest-format'
import { newDataKey, openDataKey } from '../../lib/s3/sse/data-key'
import type { WriteTarget } from '../../lib/s3/sse/request'

export type SseMode = 'SSE-S3' | 'SSE-KMS' | 'DSSE-KMS' | 'SSE-C'
export const SSE_MODES: SseMode[] = ['SSE-S3', 'SSE-KMS', 'DSSE-KMS', 'SSE-C']

export function writeTarget(mode: SseMode, customerKey: Uint8Array): WriteTarget {
  switch (mode) {
    case 'SSE-S3':
      return { algorithm: 'AES256' }
    case 'SSE-C':
      return { algorithm: 'SSE-C', customer: { key: customerKey, md5: md5Base64(customerKey) } }
    default:
      return { algorithm: mode === 'SSE-KMS' ? 'aws:kms' : 'aws:kms:dsse', bucketKey: false, extraContext: {} }
  }
}

export interface Sealed {
  open(): Promise<Uint8Array>
}

/** Seals `plaintext` as object bucket/key would be stored; open() reads it back (data key included). */
export async function sealAtRest(
  emulator: Emulator,
  mode: SseMode,
  bucket: string,
  key: string,
  plaintext: Uint8Array,
  customerKey: Uint8Array,
): Promise<Sealed> {
  const s3 = emulator.s3
  const arn = objectArn(bucket, key)
  const made = await newDataKey(s3, bucket, key, writeTarget(mode, customerKey), {})
  const sealed = await sealPart(made.keys, plaintext, { arn, partNumber: 1 }, s3.options.random)
  return {
    async open() {
      const keys = await openDataKey(s3, made.sse, made.wrap, arn, {}, mode === 'SSE-C' ? customerKey : undefined)
      return openPart(keys, sealed, arn)
    },
  }
}

/**
 * Data keys per SSE mode: making one for a write (and the ObjectEncryption S3 reports for it), and getting
 * it back for a read. SSE-S3 wraps under the S3 root key; SSE-KMS and DSSE-KMS ask KMS; SSE-C uses the
 * customer's key, keeping only its salted HMAC.
 */
import { aesGcmDecrypt, aesGcmEncrypt, IV_BYTES, KEY_BYTES, materialKey } from '../../crypto/aes-gcm'
import { utf8 } from '../../crypto/bytes'
import { objectArn, type DataKeyWrap, type ObjectEncryption } from '../model'
import type { DataKeys } from '../at-rest-format'
import { unwrapWithRoot, wrapWithRoot } from '../root-keys'
import type { S3State } from '../state'
import { keyCheck } from './customer-key'
import {
  bucketKeyFor,
  decryptDataKey,
  generateDataKey,
  kmsContext,
  requireSigV4,
  resolveKeyArn,
  type Requester,
} from './kms'
import type { WriteTarget } from './request'
import { traced } from '../../trace/trace'

export interface NewDataKey {
  sse: ObjectEncryption
  wrap: DataKeyWrap
  keys: DataKeys
}

export async function newDataKey(
  s3: S3State,
  bucket: string,
  key: string,
  target: WriteTarget,
  who: Requester,
): Promise<NewDataKey> {
  const arn = objectArn(bucket, key)
  const random = s3.options.random
  switch (target.algorithm) {
    case 'AES256': {
      const dataKey = random(KEY_BYTES)
      const wrap = await traced(
        who.trace,
        'S3 root key: wrap the data key',
        `AES-256-GCM under root key ${s3.keyring.current().id}`,
        () => wrapWithRoot(s3.keyring, random, dataKey, arn),
      )
      return { sse: { algorithm: 'AES256' }, wrap, keys: { outer: dataKey } }
    }
    case 'SSE-C': {
      const { key: customer, md5 } = target.customer
      who.trace?.note('SSE-C: the customer key is the data key', 'S3 keeps only a salted HMAC of it')
      return {
        sse: { algorithm: 'SSE-C', customerKeyMd5: md5, keyCheck: await keyCheck(customer, random) },
        wrap: { kind: 'customer' },
        keys: { outer: customer },
      }
    }
    default: {
      requireSigV4(who)
      const keyArn = await resolveKeyArn(s3, target.keyId)
      const context = kmsContext(target.extraContext, bucket, key, target.bucketKey)
      const sse: ObjectEncryption = {
        algorithm: target.algorithm,
        keyArn,
        bucketKey: target.bucketKey,
        context,
        ...(target.contextHeader !== undefined ? { contextHeader: target.contextHeader } : {}),
      }
      if (target.algorithm === 'aws:kms:dsse') {
        // Simulation note: AWS does not document DSSE's KMS calls; we make one GenerateDataKey per layer.
        const outer = await generateDataKey(s3, keyArn, context, who)
        const inner = await generateDataKey(s3, keyArn, context, who)
        return {
          sse,
          wrap: { kind: 'dsse', outerBlob: outer.ciphertextBlob, innerBlob: inner.ciphertextBlob },
          keys: { outer: outer.plaintext, inner: inner.plaintext },
        }
      }
      if (!target.bucketKey) {
        const data = await generateDataKey(s3, keyArn, context, who)
        return {
          sse: { ...sse, keyArn: data.keyArn },
          wrap: { kind: 'kms', blob: data.ciphertextBlob },
          keys: { outer: data.plaintext },
        }
      }
      // Bucket Key: a fresh object key, wrapped locally under the (cached) Bucket Key.
      const bk = await bucketKeyFor(s3, bucket, keyArn, context, who)
      const dataKey = random(KEY_BYTES)
      const iv = random(IV_BYTES)
      const wrapped = await traced(
        who.trace,
        'S3 Bucket Key: wrap the data key',
        'AES-256-GCM, no KMS call',
        async () => aesGcmEncrypt(await materialKey(bk.plaintext), iv, dataKey, utf8(arn)),
      )
      return { sse, wrap: { kind: 'bucket-key', blob: bk.blob, iv, wrapped }, keys: { outer: dataKey } }
    }
  }
}

/**
 * The data key(s) of a stored object or upload. `customerKey` must already have been checked against the
 * object's key check. KMS failures surface as S3 reports them (E7 disabled, E8 pending deletion).
 */
export async function openDataKey(
  s3: S3State,
  sse: ObjectEncryption,
  wrap: DataKeyWrap,
  arn: string,
  who: Requester,
  customerKey?: Uint8Array,
): Promise<DataKeys> {
  switch (wrap.kind) {
    case 'root':
      return {
        outer: await traced(
          who.trace,
          'S3 root key: unwrap the data key',
          `AES-256-GCM under root key ${wrap.rootKeyId}`,
          () => unwrapWithRoot(s3.keyring, wrap, arn),
        ),
      }
    case 'customer':
      if (!customerKey) throw new Error('an SSE-C object needs its key to open')
      who.trace?.note('SSE-C: the key sent matches the stored HMAC', 'it is the data key')
      return { outer: customerKey }
    default: {
      if (sse.algorithm !== 'aws:kms' && sse.algorithm !== 'aws:kms:dsse')
        throw new Error('a KMS wrap on a non-KMS object')
      requireSigV4(who)
      if (wrap.kind === 'kms') return { outer: await decryptDataKey(s3, wrap.blob, sse.context, who) }
      if (wrap.kind === 'dsse') {
        const outer = await decryptDataKey(s3, wrap.outerBlob, sse.context, who)
        return { outer, inner: await decryptDataKey(s3, wrap.innerBlob, sse.context, who) }
      }
      const bucketKey = await decryptDataKey(s3, wrap.blob, sse.context, who)
      return {
        outer: await traced(who.trace, 'S3 Bucket Key: unwrap the data key', 'AES-256-GCM', () =>
          aesGcmDecrypt(bucketKey, wrap.iv, wrap.wrapped, utf8(arn)),
        ),
      }
    }
  }
}

/**
 * S3's side of SSE-KMS and DSSE-KMS: data keys from KMS through the narrow KmsPort, S3 Bucket Keys, and
 * KMS failures reported the way S3 reports them (`KMS.NotFoundException`, `KMS.DisabledException`, ...;
 * docs/fidelity.md §2.1 E4–E8).
 */
import { isKmsFailure, type KmsPort, type PortDataKey } from '../../kms/port'
import { invalidArgument, notImplemented, S3Error } from '../errors'
import { bucketArn, objectArn } from '../model'
import type { S3State } from '../state'
import { traced, type Trace } from '../../trace/trace'

/** Who made the S3 request: KMS records S3's calls on their behalf, and Bucket Keys are per requester. */
export interface Requester {
  accessKeyId?: string
  /** Signed with Signature Version 2, which KMS-encrypted objects refuse (E10). */
  sigV2?: boolean
  /** The request's trace: S3's calls to KMS and its crypto steps are recorded there, with timings. */
  trace?: Trace
}

/** E10: SSE-KMS writes and reads of KMS objects need SigV4. */
export function requireSigV4(who: Requester): void {
  if (who.sigV2) {
    throw invalidArgument(
      'Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.',
      'Authorization',
      'null',
    )
  }
}

export function kmsPort(s3: S3State): KmsPort {
  if (!s3.kms) throw notImplemented('x-amz-server-side-encryption')
  return s3.kms
}

/** A KMS failure as S3 answers it; anything else is rethrown. */
export function asS3Error(error: unknown): never {
  if (!isKmsFailure(error)) throw error
  if (error.code === 'AccessDeniedException') throw new S3Error('AccessDenied', error.message || 'Access Denied', 403)
  if (error.status >= 500) throw new S3Error('KMS.KMSInternalException', error.message, 500)
  throw new S3Error(`KMS.${error.code}`, error.message, 400)
}

export async function viaKms<T>(call: () => Promise<T> | T): Promise<T> {
  try {
    return await call()
  } catch (error) {
    return asS3Error(error)
  }
}

/** The ARN of the key a write will use: the one named (any accepted form), or aws/s3. */
export const resolveKeyArn = (s3: S3State, keyId: string | undefined): Promise<string> =>
  viaKms(() => (keyId === undefined ? kmsPort(s3).awsManagedS3KeyArn() : kmsPort(s3).resolveKeyArn(keyId)))

const contextText = (context: Record<string, string>) =>
  Object.entries(context)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')

export const generateDataKey = (
  s3: S3State,
  keyArn: string,
  context: Record<string, string>,
  who: Requester,
): Promise<PortDataKey> =>
  traced(who.trace, 'KMS GenerateDataKey', `${keyArn} · context ${contextText(context)}`, () =>
    viaKms(() =>
      kmsPort(s3).generateDataKey({
        keyId: keyArn,
        encryptionContext: context,
        ...(who.accessKeyId ? { accessKeyId: who.accessKeyId } : {}),
      }),
    ),
  )

export const decryptDataKey = async (
  s3: S3State,
  blob: Uint8Array,
  context: Record<string, string>,
  who: Requester,
): Promise<Uint8Array> =>
  traced(
    who.trace,
    'KMS Decrypt',
    `${blob.length}-byte ciphertext blob · context ${contextText(context)}`,
    async () =>
      (
        await viaKms(() =>
          kmsPort(s3).decrypt({
            ciphertextBlob: blob,
            encryptionContext: context,
            ...(who.accessKeyId ? { accessKeyId: who.accessKeyId } : {}),
          }),
        )
      ).plaintext,
  )

/**
 * How long S3 reuses a Bucket Key for new objects. Simulation note: AWS says only that a Bucket Key is
 * "time-limited" and unique per requester; we keep one per (bucket, KMS key, requester) for five minutes of
 * simulated time, and decrypt it again on every read so that a disabled key breaks GET at once.
 */
export const BUCKET_KEY_WINDOW_MS = 5 * 60 * 1000

export interface CachedBucketKey {
  keyArn: string
  plaintext: Uint8Array
  blob: Uint8Array
  expires: number
}

/** The Bucket Key for a write: reused within the window, else a new one from GenerateDataKey with the bucket ARN as context. */
export async function bucketKeyFor(
  s3: S3State,
  bucket: string,
  keyArn: string,
  context: Record<string, string>,
  who: Requester,
): Promise<CachedBucketKey> {
  const id = `${bucket}|${keyArn}|${who.accessKeyId ?? ''}|${JSON.stringify(context)}`
  const now = s3.options.now().getTime()
  const cached = s3.bucketKeys.get(id)
  if (cached && cached.expires > now) {
    who.trace?.note('S3 Bucket Key reused', 'no call to KMS: the cached Bucket Key wraps the new data key')
    return cached
  }
  const data = await generateDataKey(s3, keyArn, context, who)
  const fresh = {
    keyArn: data.keyArn,
    plaintext: data.plaintext,
    blob: data.ciphertextBlob,
    expires: now + BUCKET_KEY_WINDOW_MS,
  }
  s3.bucketKeys.set(id, fresh)
  return fresh
}

/**
 * The context S3 sends to KMS: the caller's pairs plus `aws:s3:arn`, the object ARN, or the bucket ARN when
 * a Bucket Key is used (S3 user guide, UsingKMSEncryption.md and bucket-key.md).
 */
export const kmsContext = (
  extra: Record<string, string>,
  bucket: string,
  key: string,
  bucketKey: boolean,
): Record<string, string> => ({
  ...extra,
  'aws:s3:arn': bucketKey ? bucketArn(bucket) : objectArn(bucket, key),
})

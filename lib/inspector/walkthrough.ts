/**
 * Decrypting a stored object step by step, with the calls the emulator itself makes on a GET: unwrap
 * the data key (S3 root key, KMS Decrypt, Bucket Key), check an SSE-C key against its HMAC, then AES-GCM
 * over each part's stored segments (and DSSE's inner layer with the second implementation). Each step says which
 * call it made and what came out, or why it failed; nothing is stored.
 */
import { aesGcmDecrypt } from '../crypto/aes-gcm'
import { concat, fromUtf8, utf8 } from '../crypto/bytes'
import { FORMAT, openPartRange, segmentAad, segmentCount, wholePartAad } from '../s3/at-rest-format'
import { objectArn, type StoredObject } from '../s3/model'
import { keyMatches } from '../s3/sse/customer-key'
import type { S3State } from '../s3/state'
import { viewStored } from './stored'

export interface WalkStep {
  title: string
  /** The call, as code a learner could type. */
  call: string
  outputs: { name: string; value: Uint8Array | string }[]
  error?: string
}

export interface WalkDeps {
  /** KMS Decrypt, made the way the learner would make it (the playground passes the SDK client). */
  kmsDecrypt(blob: Uint8Array, context: Record<string, string>): Promise<Uint8Array>
  /** SSE-C: the key the learner typed; used for this walkthrough only. */
  customerKey?: Uint8Array
}

export interface Walkthrough {
  steps: WalkStep[]
  plaintext?: Uint8Array
}

const message = (e: unknown) =>
  e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e)

export async function decryptWalkthrough(
  s3: S3State,
  bucket: string,
  stored: StoredObject,
  deps: WalkDeps,
): Promise<Walkthrough> {
  const view = viewStored(stored)
  const arn = objectArn(bucket, view.key)
  const steps: WalkStep[] = []
  const step = async <T>(
    title: string,
    call: string,
    run: () => Promise<T> | T,
    show: (t: T) => WalkStep['outputs'],
  ): Promise<T | undefined> => {
    try {
      const result = await run()
      steps.push({ title, call, outputs: show(result) })
      return result
    } catch (e) {
      steps.push({ title, call, outputs: [], error: message(e) })
      return undefined
    }
  }
  const context = 'context' in view.sse ? view.sse.context : {}
  const kms = (what: string, blob: Uint8Array) =>
    step(
      `Ask KMS to decrypt the ${what}`,
      `kms.Decrypt({ CiphertextBlob, EncryptionContext: ${JSON.stringify(context)} })`,
      () => deps.kmsDecrypt(blob, context),
      (k) => [{ name: what, value: k }],
    )
  const unwrap = (what: string, key: Uint8Array, iv: Uint8Array, wrapped: Uint8Array) =>
    step(
      `Unwrap the data key with the ${what}`,
      `crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8('${arn}') }, ${what.replace(/\W+/g, '')}, wrappedKey)`,
      () => aesGcmDecrypt(key, iv, wrapped, utf8(arn)),
      (k) => [{ name: 'data key', value: k }],
    )

  let outer: Uint8Array | undefined
  let inner: Uint8Array | undefined
  const wrap = view.wrap
  if (wrap.kind === 'root') {
    const root = await step(
      'Find the S3 root key version that wrapped the data key',
      `keyring.get('${wrap.rootKeyId}')`,
      () => {
        const k = s3.keyring.get(wrap.rootKeyId)
        if (!k) throw new Error(`root key ${wrap.rootKeyId} is missing`)
        return k
      },
      (k) => [{ name: 'root key', value: `${k.id}, made ${k.created.toISOString()} (on AWS you never see it)` }],
    )
    if (root) outer = await unwrap('S3 root key', root.material, wrap.iv, wrap.wrapped)
  } else if (wrap.kind === 'kms') outer = await kms('data key', wrap.blob)
  else if (wrap.kind === 'bucket-key') {
    const bucketKey = await kms('S3 Bucket Key', wrap.blob)
    if (bucketKey) outer = await unwrap('S3 Bucket Key', bucketKey, wrap.iv, wrap.wrapped)
  } else if (wrap.kind === 'dsse') {
    outer = await kms('outer layer data key', wrap.outerBlob)
    inner = await kms('inner layer data key', wrap.innerBlob)
  } else if (view.sse.algorithm === 'SSE-C') {
    const check = view.sse.keyCheck
    const key = deps.customerKey
    const ok = await step(
      'Check your key against the salted HMAC S3 kept',
      'HMAC-SHA256(salt, yourKey) === storedHmac',
      async () => {
        if (!key) throw new Error('enter the key the object was uploaded with: S3 has no copy of it')
        if (key.length !== 32) throw new Error(`an SSE-C key is 32 bytes; this one is ${key.length}`)
        if (!(await keyMatches(key, check)))
          throw new Error('this is not the key the object was uploaded with (S3 answers 403 Access Denied)')
        return key
      },
      () => [{ name: 'result', value: 'the HMACs match: this is the right key' }],
    )
    outer = ok
  }
  if (!outer || (wrap.kind === 'dsse' && !inner)) return { steps }

  const keys = { outer, ...(inner ? { inner } : {}) }
  const parts: Uint8Array[] = []
  for (const part of view.segments) {
    const label = view.segments.length > 1 ? `part ${part.partNumber}` : 'the body'
    const chunked = part.format === FORMAT
    const count = chunked ? segmentCount(part.size, part.segmentBytes) : 1
    const call = chunked
      ? `for i in 0..${count - 1}: crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonceBase XOR (i, last), additionalData: '${fromUtf8(segmentAad({ arn, partNumber: part.partNumber }, 0, count === 1)).replace(/\n/g, ' | ')}'${count > 1 ? ' (segment 0)' : ''} }, dataKey, segment[i])${inner ? ', then the inner layer with @noble/ciphers' : ''}`
      : `crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8('${fromUtf8(wholePartAad(arn, part.partNumber))}') }, dataKey, ciphertextAndTag)`
    const title = `Decrypt ${label}: ${count} AES-256-GCM segment${count > 1 ? 's' : ''}${inner ? ', each with two layers (WebCrypto outside, @noble/ciphers inside)' : ''}`
    const plain = await step(
      title,
      call,
      async () => {
        const reader = await s3.blobs.open(part.blob)
        try {
          const pieces: Uint8Array[] = []
          for await (const piece of openPartRange(keys, part, arn, reader, 0, part.size - 1)) pieces.push(piece)
          return concat(...pieces)
        } finally {
          await reader.close()
        }
      },
      (p) => [{ name: 'plaintext', value: p }],
    )
    if (!plain) return { steps }
    parts.push(plain)
  }
  return { steps, plaintext: concat(...parts) }
}

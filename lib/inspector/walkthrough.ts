/**
 * Decrypting a stored object step by step, with the calls the emulator itself makes on a GET: unwrap
 * the data key (S3 root key, KMS Decrypt, Bucket Key), check an SSE-C key against its HMAC, then AES-GCM
 * over each stored segment (and DSSE's inner layer with the second implementation). Each step says which
 * call it made and what came out, or why it failed; nothing is stored.
 */
import { aesGcmDecrypt } from '../crypto/aes-gcm'
import { innerAesGcmDecrypt } from '../crypto/aes-gcm-inner'
import { concat, utf8 } from '../crypto/bytes'
import { objectArn, type StoredObject } from '../s3/model'
import { segmentAad } from '../s3/seal'
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

const message = (e: unknown) => (e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e))

export async function decryptWalkthrough(s3: S3State, bucket: string, stored: StoredObject, deps: WalkDeps): Promise<Walkthrough> {
  const view = viewStored(stored)
  const arn = objectArn(bucket, view.key)
  const steps: WalkStep[] = []
  const step = async <T>(title: string, call: string, run: () => Promise<T> | T, show: (t: T) => WalkStep['outputs']): Promise<T | undefined> => {
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
    step(`Ask KMS to decrypt the ${what}`, `kms.Decrypt({ CiphertextBlob, EncryptionContext: ${JSON.stringify(context)} })`, () => deps.kmsDecrypt(blob, context), (k) => [{ name: what, value: k }])
  const unwrap = (what: string, key: Uint8Array, iv: Uint8Array, wrapped: Uint8Array) =>
    step(`Unwrap the data key with the ${what}`, `crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8('${arn}') }, ${what.replace(/\W+/g, '')}, wrappedKey)`, () => aesGcmDecrypt(key, iv, wrapped, utf8(arn)), (k) => [{ name: 'data key', value: k }])

  let outer: Uint8Array | undefined
  let inner: Uint8Array | undefined
  const wrap = view.wrap
  if (wrap.kind === 'root') {
    const root = await step('Find the S3 root key version that wrapped the data key', `keyring.get('${wrap.rootKeyId}')`, () => {
      const k = s3.keyring.get(wrap.rootKeyId)
      if (!k) throw new Error(`root key ${wrap.rootKeyId} is missing`)
      return k
    }, (k) => [{ name: 'root key', value: `${k.id}, made ${k.created.toISOString()} (on AWS you never see it)` }])
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
    const ok = await step('Check your key against the salted HMAC S3 kept', 'HMAC-SHA256(salt, yourKey) === storedHmac', async () => {
      if (!key) throw new Error('enter the key the object was uploaded with: S3 has no copy of it')
      if (key.length !== 32) throw new Error(`an SSE-C key is 32 bytes; this one is ${key.length}`)
      if (!(await keyMatches(key, check))) throw new Error('this is not the key the object was uploaded with (S3 answers 403 Access Denied)')
      return key
    }, () => [{ name: 'result', value: 'the HMACs match: this is the right key' }])
    outer = ok
  }
  if (!outer || (wrap.kind === 'dsse' && !inner)) return { steps }

  const parts: Uint8Array[] = []
  for (const seg of view.segments) {
    const aad = segmentAad(arn, seg.partNumber)
    const label = view.segments.length > 1 ? `part ${seg.partNumber}` : 'the body'
    const aadText = new TextDecoder().decode(aad)
    const opened = await step(`Decrypt ${label}${inner ? ' (outer layer, WebCrypto)' : ''}`, `crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8('${aadText}') }, dataKey, ciphertextAndTag)`, () => aesGcmDecrypt(outer, seg.iv, seg.ciphertext, aad), (p) => [{ name: inner ? 'inner layer ciphertext' : 'plaintext', value: p }])
    if (!opened) return { steps }
    if (!inner || !seg.innerIv) {
      parts.push(opened)
      continue
    }
    const innerKey = inner
    const innerIv = seg.innerIv
    const plain = await step(`Decrypt ${label} (inner layer, @noble/ciphers)`, `gcm(innerDataKey, innerIv, utf8('${aadText}')).decrypt(innerCiphertext)`, () => innerAesGcmDecrypt(innerKey, innerIv, opened, aad), (p) => [{ name: 'plaintext', value: p }])
    if (!plain) return { steps }
    parts.push(plain)
  }
  return { steps, plaintext: concat(...parts) }
}

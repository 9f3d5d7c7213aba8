/**
 * Runs a "how it works" demo one step at a time on real bytes, with the emulator's own functions (the ones
 * lib/lessons/demo-steps.ts names), on a scratch emulator of its own: the learner's buckets, keys and
 * audit trail are untouched. Each step returns what it produced, or the error the code threw.
 */
import { KEY_BYTES } from '../crypto/aes-gcm'
import { innerAesGcmEncrypt } from '../crypto/aes-gcm-inner'
import { fromUtf8, utf8 } from '../crypto/bytes'
import { md5Base64 } from '../crypto/md5'
import { webCryptoRandom } from '../crypto/random'
import { aesKeyring, decryptObject, encryptObject, type EncryptedObject } from '../cse'
import { createEmulator } from '../emulator/create-emulator'
import { openPart, sealPart, segmentAad, type SealedPart } from '../s3/at-rest-format'
import { objectArn, type DataKeyWrap } from '../s3/model'
import { unwrapWithRoot, wrapWithRoot } from '../s3/root-keys'
import { keyCheck, keyMatches } from '../s3/sse/customer-key'
import { decryptDataKey, generateDataKey, kmsContext } from '../s3/sse/kms'
import { DEMO_STEPS } from './demo-steps'
import type { DemoMode } from './types'

export interface DemoOutput {
  name: string
  value: Uint8Array | string
  /** Never stored by S3 (data keys, your SSE-C key): the UI says so. */
  secret?: boolean
}

export interface DemoStepResult {
  outputs: DemoOutput[]
  error?: string
}

export interface Demo {
  readonly mode: DemoMode
  readonly length: number
  /** Runs step `index` (in order: each uses what the previous ones made). */
  run(index: number): Promise<DemoStepResult>
}

const BUCKET = 'my-s3-bucket'
const KEY = 'testfile.txt'
const ARN = objectArn(BUCKET, KEY)
/** S3 and KMS errors carry their AWS code (KMS.InvalidCiphertextException); show it, as the CLI would. */
const message = (e: unknown) => {
  if (!(e instanceof Error)) return String(e)
  const code = (e as { code?: unknown }).code
  return `${typeof code === 'string' ? code : e.name}${e.message ? `: ${e.message}` : ''}`
}
const BINDING = { arn: ARN, partNumber: 1 }
const flipped = (part: SealedPart): SealedPart => {
  const sealed = part.sealed.slice()
  sealed[0] = sealed[0]! ^ 1
  return { ...part, sealed }
}

type Runner = () => Promise<DemoOutput[]>

function sseS3(body: Uint8Array): Runner[] {
  const emulator = createEmulator()
  const { keyring } = emulator.s3
  let dataKey: Uint8Array = new Uint8Array()
  let sealed: SealedPart
  let wrap: DataKeyWrap & { kind: 'root' }
  return [
    async () => [{ name: 'data key', value: (dataKey = webCryptoRandom(KEY_BYTES)), secret: true }],
    async () => {
      sealed = await sealPart({ outer: dataKey }, body, BINDING, webCryptoRandom)
      return [
        { name: 'additional data (AAD)', value: fromUtf8(segmentAad(BINDING, 0, true)) },
        { name: 'stored: nonce base', value: sealed.part.nonceBase },
        { name: 'stored: ciphertext + tag', value: sealed.sealed },
      ]
    },
    async () => {
      wrap = (await wrapWithRoot(keyring, webCryptoRandom, dataKey, ARN)) as DataKeyWrap & { kind: 'root' }
      return [
        { name: 'root key version', value: wrap.rootKeyId },
        { name: 'stored: wrapped data key', value: wrap.wrapped },
      ]
    },
    async () => [{ name: 'data key', value: await unwrapWithRoot(keyring, wrap, ARN), secret: true }],
    async () => [
      {
        name: 'plaintext',
        value: fromUtf8(await openPart({ outer: await unwrapWithRoot(keyring, wrap, ARN) }, sealed, ARN)),
      },
    ],
    async () => [{ name: 'plaintext', value: fromUtf8(await openPart({ outer: dataKey }, flipped(sealed), ARN)) }],
  ]
}

function sseKms(body: Uint8Array): Runner[] {
  const emulator = createEmulator()
  const key = emulator.kms.state.addKey({ manager: 'CUSTOMER', description: 'demo key' })
  const context = kmsContext({}, BUCKET, KEY, false)
  let blob: Uint8Array = new Uint8Array()
  let dataKey: Uint8Array = new Uint8Array()
  let sealed: SealedPart
  return [
    async () => [{ name: 'encryption context', value: JSON.stringify(context) }],
    async () => {
      const generated = await generateDataKey(emulator.s3, key.arn, context, {})
      dataKey = generated.plaintext
      blob = generated.ciphertextBlob
      return [
        { name: 'KMS key', value: generated.keyArn },
        { name: 'Plaintext (data key)', value: dataKey, secret: true },
        { name: 'stored: CiphertextBlob', value: blob },
      ]
    },
    async () => {
      sealed = await sealPart({ outer: dataKey }, body, BINDING, webCryptoRandom)
      return [
        { name: 'stored: nonce base', value: sealed.part.nonceBase },
        { name: 'stored: ciphertext + tag', value: sealed.sealed },
      ]
    },
    async () => [
      { name: 'data key', value: (dataKey = await decryptDataKey(emulator.s3, blob, context, {})), secret: true },
    ],
    async () => [{ name: 'plaintext', value: fromUtf8(await openPart({ outer: dataKey }, sealed, ARN)) }],
    async () => [
      {
        name: 'data key',
        value: await decryptDataKey(emulator.s3, blob, { 'aws:s3:arn': objectArn(BUCKET, 'other.txt') }, {}),
        secret: true,
      },
    ],
  ]
}

function dsse(body: Uint8Array): Runner[] {
  const emulator = createEmulator()
  const key = emulator.kms.state.addKey({ manager: 'CUSTOMER', description: 'demo key' })
  const context = kmsContext({}, BUCKET, KEY, false)
  const keys: { outer: Uint8Array; inner: Uint8Array } = { outer: new Uint8Array(), inner: new Uint8Array() }
  const blobs: { outer: Uint8Array; inner: Uint8Array } = { outer: new Uint8Array(), inner: new Uint8Array() }
  let sealed: SealedPart
  const layer = (which: 'outer' | 'inner') => async (): Promise<DemoOutput[]> => {
    const generated = await generateDataKey(emulator.s3, key.arn, context, {})
    keys[which] = generated.plaintext
    blobs[which] = generated.ciphertextBlob
    return [
      { name: `${which} data key`, value: keys[which], secret: true },
      { name: `stored: ${which} CiphertextBlob`, value: blobs[which] },
    ]
  }
  return [
    layer('outer'),
    layer('inner'),
    async () => {
      const innerIv = webCryptoRandom(12)
      return [
        {
          name: 'inner layer alone (for show; sealPart draws its own nonce base)',
          value: innerAesGcmEncrypt(keys.inner, innerIv, body, segmentAad(BINDING, 0, true)),
        },
      ]
    },
    async () => {
      sealed = await sealPart(keys, body, BINDING, webCryptoRandom)
      return [
        { name: 'stored: inner nonce base', value: sealed.part.innerNonceBase! },
        { name: 'stored: outer nonce base', value: sealed.part.nonceBase },
        { name: 'stored: ciphertext (two layers) + tag', value: sealed.sealed },
      ]
    },
    async () => {
      const outer = await decryptDataKey(emulator.s3, blobs.outer, context, {})
      const inner = await decryptDataKey(emulator.s3, blobs.inner, context, {})
      return [{ name: 'plaintext', value: fromUtf8(await openPart({ outer, inner }, sealed, ARN)) }]
    },
    async () => [{ name: 'plaintext', value: fromUtf8(await openPart(keys, flipped(sealed), ARN)) }],
  ]
}

function sseC(body: Uint8Array): Runner[] {
  let key: Uint8Array = new Uint8Array()
  let check: Awaited<ReturnType<typeof keyCheck>>
  let sealed: SealedPart
  return [
    async () => [{ name: 'your key (never stored)', value: (key = webCryptoRandom(32)), secret: true }],
    async () => [{ name: 'x-amz-server-side-encryption-customer-key-MD5', value: md5Base64(key) }],
    async () => {
      check = await keyCheck(key, webCryptoRandom)
      return [
        { name: 'stored: salt', value: check.salt },
        { name: 'stored: HMAC-SHA256(salt, key)', value: check.mac },
      ]
    },
    async () => {
      sealed = await sealPart({ outer: key }, body, BINDING, webCryptoRandom)
      return [
        { name: 'stored: nonce base', value: sealed.part.nonceBase },
        { name: 'stored: ciphertext + tag', value: sealed.sealed },
      ]
    },
    async () => [{ name: 'matches', value: String(await keyMatches(webCryptoRandom(32), check)) }],
    async () => {
      const ok = await keyMatches(key, check)
      return [
        { name: 'matches', value: String(ok) },
        { name: 'plaintext', value: fromUtf8(await openPart({ outer: key }, sealed, ARN)) },
      ]
    },
  ]
}

function clientSide(body: Uint8Array): Runner[] {
  let wrappingKey: Uint8Array = new Uint8Array()
  let v3: EncryptedObject
  const show = (o: EncryptedObject): DemoOutput[] => [
    ...Object.entries(o.metadata).map(([name, value]) => ({ name: `stored metadata: ${name}`, value })),
    { name: 'stored: body (all S3 sees)', value: o.body },
  ]
  return [
    async () => [{ name: 'wrapping key (yours alone)', value: (wrappingKey = webCryptoRandom(32)), secret: true }],
    async () => show(await encryptObject(body, aesKeyring(wrappingKey), { format: 'v2' })),
    async () => show((v3 = await encryptObject(body, aesKeyring(wrappingKey), { format: 'v3' }))),
    async () => [
      { name: 'plaintext', value: fromUtf8(await decryptObject(v3.body, v3.metadata, aesKeyring(wrappingKey))) },
    ],
    async () => [
      {
        name: 'plaintext',
        value: fromUtf8(await decryptObject(v3.body, v3.metadata, aesKeyring(webCryptoRandom(32)))),
      },
    ],
  ]
}

const BUILDERS: Record<DemoMode, (body: Uint8Array) => Runner[]> = {
  'sse-s3': sseS3,
  overview: sseS3,
  'sse-kms': sseKms,
  'dsse-kms': dsse,
  'sse-c': sseC,
  'client-side': clientSide,
}

export function createDemo(mode: DemoMode, text: string): Demo {
  const runners = BUILDERS[mode](utf8(text))
  if (runners.length !== DEMO_STEPS[mode].length)
    throw new Error(`demo ${mode}: ${runners.length} runners for ${DEMO_STEPS[mode].length} steps`)
  return {
    mode,
    length: runners.length,
    async run(index) {
      try {
        return { outputs: await runners[index]!() }
      } catch (e) {
        return { outputs: [], error: message(e) }
      }
    },
  }
}

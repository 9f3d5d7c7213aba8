/**
 * The "how it works" demos as data: for each mode, the steps in order, each naming the emulator function it
 * calls (shown beside it, read from that file at build time). lib/lessons/demos.ts runs them; this file is
 * small so the page can list the steps and their sources without loading any of the crypto code.
 */
import type { DemoMode } from './types'

export interface DemoStepInfo {
  title: string
  /** The call, as a learner could write it. */
  call: string
  /** The function shown beside the step: a top-level declaration of that file. */
  source: { path: string; name: string }
}

const seal = { path: 'lib/s3/at-rest-format.ts', name: 'sealPart' }
const open = { path: 'lib/s3/at-rest-format.ts', name: 'openPart' }
const tamper = (what: string): DemoStepInfo => ({
  title: `Flip one bit of the ${what}, then decrypt again`,
  call: 'openPart(keys, { ...sealed, sealed: flipped }, arn)',
  source: open,
})

const sseS3: DemoStepInfo[] = [
  {
    title: 'Draw a fresh 256-bit data key for this object',
    call: 'webCryptoRandom(KEY_BYTES)',
    source: { path: 'lib/crypto/random.ts', name: 'webCryptoRandom' },
  },
  {
    title: 'Encrypt the body with AES-256-GCM, bound to the object ARN',
    call: 'sealPart({ outer: dataKey }, body, { arn, partNumber: 1 }, random)',
    source: seal,
  },
  {
    title: 'Wrap the data key under the current S3 root key',
    call: 'wrapWithRoot(keyring, random, dataKey, arn)',
    source: { path: 'lib/s3/root-keys.ts', name: 'wrapWithRoot' },
  },
  {
    title: 'Reading: unwrap the data key with the root key version that wrapped it',
    call: 'unwrapWithRoot(keyring, wrap, arn)',
    source: { path: 'lib/s3/root-keys.ts', name: 'unwrapWithRoot' },
  },
  { title: 'Decrypt the body', call: 'openPart({ outer: dataKey }, sealed, arn)', source: open },
  tamper('stored ciphertext'),
]

const generate = { path: 'lib/s3/sse/kms.ts', name: 'generateDataKey' }
const decrypt = { path: 'lib/s3/sse/kms.ts', name: 'decryptDataKey' }

const sseKms: DemoStepInfo[] = [
  {
    title: 'The encryption context S3 sends: the object ARN',
    call: "kmsContext({}, 'my-s3-bucket', 'testfile.txt', false)",
    source: { path: 'lib/s3/sse/kms.ts', name: 'kmsContext' },
  },
  {
    title: 'Ask KMS for a data key: a plaintext copy and a KMS-encrypted copy',
    call: 'kms.generateDataKey({ keyId, encryptionContext })',
    source: generate,
  },
  {
    title: 'Encrypt the body with the plaintext data key, then forget it',
    call: 'sealPart({ outer: Plaintext }, body, { arn, partNumber: 1 }, random)',
    source: seal,
  },
  {
    title: 'Reading: send the encrypted data key back to KMS with the same context',
    call: 'kms.decrypt({ ciphertextBlob, encryptionContext })',
    source: decrypt,
  },
  { title: 'Decrypt the body', call: 'openPart({ outer: dataKey }, sealed, arn)', source: open },
  {
    title: 'Try to decrypt the data key with another context: KMS refuses',
    call: "kms.decrypt({ ciphertextBlob, encryptionContext: { 'aws:s3:arn': otherArn } })",
    source: decrypt,
  },
]

const dsse: DemoStepInfo[] = [
  {
    title: 'Ask KMS for the outer layer’s data key',
    call: 'kms.generateDataKey({ keyId, encryptionContext })',
    source: generate,
  },
  {
    title: 'Ask KMS for the inner layer’s data key (a second, independent key)',
    call: 'kms.generateDataKey({ keyId, encryptionContext })',
    source: generate,
  },
  {
    title: 'Inner layer: AES-256-GCM from @noble/ciphers',
    call: 'innerAesGcmEncrypt(inner, innerIv, body, aad)',
    source: { path: 'lib/crypto/aes-gcm-inner.ts', name: 'innerAesGcmEncrypt' },
  },
  {
    title: 'Outer layer: WebCrypto AES-256-GCM over the inner ciphertext (sealPart does both)',
    call: 'sealPart({ outer, inner }, body, { arn, partNumber: 1 }, random)',
    source: seal,
  },
  {
    title: 'Reading: both data keys back from KMS, both layers opened',
    call: 'openPart({ outer, inner }, sealed, arn)',
    source: open,
  },
  tamper('outer ciphertext'),
]

const sseC: DemoStepInfo[] = [
  {
    title: 'Your key: 32 random bytes (what `openssl rand -out sse-c.key 32` makes)',
    call: 'webCryptoRandom(32)',
    source: { path: 'lib/crypto/random.ts', name: 'webCryptoRandom' },
  },
  {
    title: 'The -key-MD5 header: base64 of the MD5 of the raw 32 bytes',
    call: 'md5Base64(key)',
    source: { path: 'lib/crypto/md5.ts', name: 'md5Base64' },
  },
  {
    title: 'What S3 keeps instead of the key: a salted HMAC',
    call: 'keyCheck(key, random)',
    source: { path: 'lib/s3/sse/customer-key.ts', name: 'keyCheck' },
  },
  {
    title: 'Encrypt the body with your key, which S3 then forgets',
    call: 'sealPart({ outer: key }, body, { arn, partNumber: 1 }, random)',
    source: seal,
  },
  {
    title: 'A later request with a different key: the HMAC does not match',
    call: 'keyMatches(wrongKey, check)',
    source: { path: 'lib/s3/sse/customer-key.ts', name: 'keyMatches' },
  },
  {
    title: 'With the right key: the HMAC matches and the body decrypts',
    call: 'keyMatches(key, check) && openPart({ outer: key }, sealed, arn)',
    source: { path: 'lib/s3/sse/customer-key.ts', name: 'keyMatches' },
  },
]

const cse: DemoStepInfo[] = [
  {
    title: 'Your wrapping key (AES-256), which never leaves your machine',
    call: 'aesKeyring(webCryptoRandom(32))',
    source: { path: 'lib/cse/aes-keyring.ts', name: 'aesKeyring' },
  },
  {
    title: 'Encrypt in the client, format V2: AES-256-GCM, data key wrapped with AES/GCM',
    call: "encryptObject(body, keyring, { format: 'v2' })",
    source: { path: 'lib/cse/content.ts', name: 'encryptObject' },
  },
  {
    title: 'Format V3: the same, plus a key commitment',
    call: "encryptObject(body, keyring, { format: 'v3' })",
    source: { path: 'lib/cse/content.ts', name: 'encryptObject' },
  },
  {
    title: 'Decrypt the V3 object with the same keyring',
    call: 'decryptObject(body, metadata, keyring)',
    source: { path: 'lib/cse/content.ts', name: 'decryptObject' },
  },
  {
    title: 'Another wrapping key cannot unwrap the data key',
    call: 'decryptObject(body, metadata, aesKeyring(otherKey))',
    source: { path: 'lib/cse/content.ts', name: 'decryptObject' },
  },
]

export const DEMO_STEPS: Record<DemoMode, DemoStepInfo[]> = {
  'sse-s3': sseS3,
  overview: sseS3,
  'sse-kms': sseKms,
  'dsse-kms': dsse,
  'sse-c': sseC,
  'client-side': cse,
}

export const DEMO_TITLES: Record<DemoMode, string> = {
  'sse-s3': 'SSE-S3, step by step',
  overview: 'SSE-S3, step by step',
  'sse-kms': 'SSE-KMS, step by step',
  'dsse-kms': 'DSSE-KMS, step by step',
  'sse-c': 'SSE-C, step by step',
  'client-side': 'Client-side encryption (S3 Encryption Client V2 and V3), step by step',
}

/**
 * The cryptographic operations: Encrypt, Decrypt, ReEncrypt, GenerateDataKey(WithoutPlaintext), GenerateRandom.
 * Keys are resolved from any identifier form, authorized by the key policy (with the encryption context
 * as condition input), and must be Enabled. The context is bound as AAD (encryption-context.ts).
 */
import { DecryptionFailed } from '../../crypto/aes-gcm'
import { openBlob, parseBlob, sealBlob, type ParsedBlob } from '../ciphertext-blob'
import type { EncryptionContext } from '../encryption-context'
import {
  ciphertextKeyInaccessible,
  dryRun,
  incorrectKey,
  invalidCiphertext,
  KmsError,
  unsupported,
  validation,
  violation,
} from '../errors'
import { currentMaterial, type KeyMaterial, type KmsKey } from '../model'
import { requireEnabled, type OpContext } from './context'

const ALGORITHM = 'SYMMETRIC_DEFAULT'

/** Simulation note: the message is ours; the error name is the one KMS gives for an algorithm the key cannot use. */
function checkAlgorithm(algorithm: string | undefined): void {
  if (algorithm !== undefined && algorithm !== ALGORITHM) {
    throw new KmsError(
      'InvalidKeyUsageException',
      `The encryption algorithm ${algorithm} is not valid for a symmetric encryption KMS key. Use ${ALGORITHM}.`,
    )
  }
}

async function seal(ctx: OpContext, key: KmsKey, plaintext: Uint8Array, context: EncryptionContext | undefined) {
  const material = currentMaterial(key)
  return { blob: await sealBlob(key.id, material, plaintext, context, ctx.random), material }
}

interface Located {
  key: KmsKey
  material: KeyMaterial
  parsed: ParsedBlob
}

/** Finds the key and material a blob names, and checks the caller may use them; nothing is decrypted yet. */
function locate(
  ctx: OpContext,
  blob: Uint8Array,
  keyId: string | undefined,
  context: EncryptionContext | undefined,
  action: string,
): Located {
  const requested = keyId !== undefined ? ctx.key(keyId, 'any') : undefined
  const parsed = parseBlob(blob)
  if (!parsed) throw invalidCiphertext()
  const key = ctx.state.keys.get(parsed.keyId)
  if (requested && requested.id !== parsed.keyId) throw incorrectKey()
  if (!key) throw ciphertextKeyInaccessible()
  ctx.touch(key)
  ctx.authorize(key, action, context)
  requireEnabled(key)
  const material = key.materials.find((m) => m.version === parsed.materialVersion)
  if (!material) throw invalidCiphertext()
  return { key, material, parsed }
}

async function open(located: Located, context: EncryptionContext | undefined): Promise<Uint8Array> {
  try {
    return await openBlob(located.parsed, located.material.bytes, context)
  } catch (error) {
    if (error instanceof DecryptionFailed) throw invalidCiphertext()
    throw error
  }
}

export interface EncryptInput {
  KeyId: string
  Plaintext: Uint8Array
  EncryptionContext?: EncryptionContext
  EncryptionAlgorithm?: string
  DryRun?: boolean
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html */
export async function encrypt(ctx: OpContext, input: EncryptInput) {
  const key = ctx.key(input.KeyId, 'any')
  ctx.authorize(key, 'Encrypt', input.EncryptionContext)
  requireEnabled(key)
  checkAlgorithm(input.EncryptionAlgorithm)
  if (input.DryRun) throw dryRun()
  const { blob, material } = await seal(ctx, key, input.Plaintext, input.EncryptionContext)
  ctx.additional.keyMaterialId = material.id
  return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: ALGORITHM }
}

export interface DecryptInput {
  CiphertextBlob: Uint8Array
  EncryptionContext?: EncryptionContext
  KeyId?: string
  EncryptionAlgorithm?: string
  DryRun?: boolean
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html (KeyId optional: the blob names its key). */
export async function decrypt(ctx: OpContext, input: DecryptInput) {
  const located = locate(ctx, input.CiphertextBlob, input.KeyId, input.EncryptionContext, 'Decrypt')
  checkAlgorithm(input.EncryptionAlgorithm)
  if (input.DryRun) throw dryRun()
  const plaintext = await open(located, input.EncryptionContext)
  ctx.additional.keyMaterialId = located.material.id
  return {
    KeyId: located.key.arn,
    Plaintext: plaintext,
    EncryptionAlgorithm: ALGORITHM,
    KeyMaterialId: located.material.id,
  }
}

export interface ReEncryptInput {
  CiphertextBlob: Uint8Array
  SourceEncryptionContext?: EncryptionContext
  SourceKeyId?: string
  DestinationKeyId: string
  DestinationEncryptionContext?: EncryptionContext
  SourceEncryptionAlgorithm?: string
  DestinationEncryptionAlgorithm?: string
  DryRun?: boolean
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html (kms:ReEncryptFrom on the source, kms:ReEncryptTo on the destination). */
export async function reEncrypt(ctx: OpContext, input: ReEncryptInput) {
  const source = locate(ctx, input.CiphertextBlob, input.SourceKeyId, input.SourceEncryptionContext, 'ReEncryptFrom')
  const destination = ctx.key(input.DestinationKeyId, 'any')
  ctx.authorize(destination, 'ReEncryptTo', input.DestinationEncryptionContext)
  requireEnabled(destination)
  checkAlgorithm(input.SourceEncryptionAlgorithm)
  checkAlgorithm(input.DestinationEncryptionAlgorithm)
  if (input.DryRun) throw dryRun()
  const plaintext = await open(source, input.SourceEncryptionContext)
  const { blob, material } = await seal(ctx, destination, plaintext, input.DestinationEncryptionContext)
  return {
    CiphertextBlob: blob,
    SourceKeyId: source.key.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: ALGORITHM,
    DestinationEncryptionAlgorithm: ALGORITHM,
    SourceKeyMaterialId: source.material.id,
    DestinationKeyMaterialId: material.id,
  }
}

export interface GenerateDataKeyInput {
  KeyId: string
  EncryptionContext?: EncryptionContext
  KeySpec?: string
  NumberOfBytes?: number
  DryRun?: boolean
}

async function dataKey(ctx: OpContext, input: GenerateDataKeyInput, action: string) {
  // Simulation note: moto's wording; AWS's text for this ValidationException is not recorded.
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined))
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.')
  const key = ctx.key(input.KeyId, 'any')
  ctx.authorize(key, action, input.EncryptionContext)
  requireEnabled(key)
  if (input.DryRun) throw dryRun()
  const plaintext = ctx.random(
    input.KeySpec === 'AES_128' ? 16 : input.KeySpec === 'AES_256' ? 32 : input.NumberOfBytes!,
  )
  const { blob, material } = await seal(ctx, key, plaintext, input.EncryptionContext)
  ctx.additional.keyMaterialId = material.id
  return { CiphertextBlob: blob, Plaintext: plaintext, KeyId: key.arn, KeyMaterialId: material.id }
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html (KeySpec AES_256 / AES_128, or NumberOfBytes). */
export const generateDataKey = (ctx: OpContext, input: GenerateDataKeyInput) => dataKey(ctx, input, 'GenerateDataKey')

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html */
export async function generateDataKeyWithoutPlaintext(ctx: OpContext, input: GenerateDataKeyInput) {
  const { Plaintext: _plaintext, ...rest } = await dataKey(ctx, input, 'GenerateDataKeyWithoutPlaintext')
  return rest
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html (bytes from WebCrypto, via the emulator's random source). */
export function generateRandom(ctx: OpContext, input: { NumberOfBytes?: number; CustomKeyStoreId?: string }) {
  if (input.CustomKeyStoreId !== undefined) throw unsupported("The playground's KMS emulator has no custom key stores.")
  if (input.NumberOfBytes === undefined) throw validation([violation(null, 'numberOfBytes', 'Member must not be null')])
  return { Plaintext: ctx.random(input.NumberOfBytes) }
}

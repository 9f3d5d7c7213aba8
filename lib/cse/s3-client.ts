/**
 * An S3 Encryption Client over @aws-sdk/client-s3: PutObject with the ciphertext and the content metadata as
 * x-amz-meta-* headers (or an instruction file), GetObject that decrypts. Options follow the SDK clients:
 * Java `S3EncryptionClient.Builder` (encryptionAlgorithm / commitment policy, instructionFileConfig,
 * enableLegacyUnauthenticatedModes), Ruby EncryptionV2 `envelope_location`, `instruction_file_suffix`.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { GCM_TAG_BYTES, INSTRUCTION_SUFFIX } from './constants'
import { decryptObject, encryptObject } from './content'
import { CseError } from './errors'
import type { Keyring } from './keyring'
import { mergeInstructionFile, needsInstructionFile, splitForInstructionFile } from './instruction-file'
import { detectFormat, s3ecKeys, type Format, type Metadata } from './metadata'
import { cryptoRange, decryptRange, parseRange } from './ranged'

export interface S3EncryptionClientOptions {
  s3: S3Client
  keyring: Keyring
  /** What put writes: v2 (no commitment, what V2 clients read) or v3 (key commitment). Reads accept both. */
  format?: Format
  /** Put the content metadata in `<key>.instruction` instead of the object's user metadata. */
  instructionFile?: boolean
  /** Allow ranged GETs, decrypted with unauthenticated AES-CTR (Java enableLegacyUnauthenticatedModes). */
  enableLegacyUnauthenticatedModes?: boolean
  /** Read legacy wraps (V1 AES/ECB, AESWrap, kms) (Java enableLegacyWrappingAlgorithms). */
  enableLegacyWrappingAlgorithms?: boolean
}

export interface PutRequest {
  Bucket: string
  Key: string
  Body: Uint8Array
  ContentType?: string
  Metadata?: Metadata
}

export interface GetResult {
  Body: Uint8Array
  /** The object's user metadata as stored (S3EC keys included), merged with the instruction file if one was used. */
  Metadata: Metadata
  format: Format | 'v1'
  instructionFile: boolean
  ContentRange?: string
}

export class S3EncryptionClient {
  constructor(private readonly options: S3EncryptionClientOptions) {}

  async putObject(request: PutRequest) {
    const { s3, keyring, format, instructionFile } = this.options
    const { body, metadata } = await encryptObject(request.Body, keyring, { format })
    const put = (Key: string, Body: Uint8Array, Metadata: Metadata, ContentType?: string) =>
      s3.send(
        new PutObjectCommand({ Bucket: request.Bucket, Key, Body, Metadata, ...(ContentType ? { ContentType } : {}) }),
      )
    if (!instructionFile) return put(request.Key, body, { ...request.Metadata, ...metadata }, request.ContentType)
    const { objectMetadata, instruction } = splitForInstructionFile(metadata)
    const out = await put(request.Key, body, { ...request.Metadata, ...objectMetadata }, request.ContentType)
    // Written after the object, as Ruby's and Java's clients do; a reader finds it by the default suffix.
    await put(request.Key + INSTRUCTION_SUFFIX, instruction, {})
    return out
  }

  async getObject(request: { Bucket: string; Key: string; Range?: string }): Promise<GetResult> {
    const { s3, keyring } = this.options
    if (request.Range !== undefined) return this.getRange(request as Required<typeof request>)
    const out = await s3.send(new GetObjectCommand({ Bucket: request.Bucket, Key: request.Key }))
    const body = (await out.Body?.transformToByteArray()) ?? new Uint8Array()
    const { metadata, instructionFile } = await this.contentMetadata(request, out.Metadata ?? {})
    const { enableLegacyUnauthenticatedModes, enableLegacyWrappingAlgorithms } = this.options
    const plain = await decryptObject(body, metadata, keyring, {
      enableLegacyUnauthenticatedModes,
      enableLegacyWrappingAlgorithms,
    })
    return { Body: plain, Metadata: metadata, format: detectFormat(metadata) as Format | 'v1', instructionFile }
  }

  private async getRange(request: { Bucket: string; Key: string; Range: string }): Promise<GetResult> {
    const { s3, keyring, enableLegacyUnauthenticatedModes } = this.options
    const head = await s3.send(new HeadObjectCommand({ Bucket: request.Bucket, Key: request.Key }))
    const objectLength = head.ContentLength ?? 0
    const { metadata, instructionFile } = await this.contentMetadata(request, head.Metadata ?? {})
    const [start, end] = parseRange(request.Range, objectLength - GCM_TAG_BYTES)
    const [lo, hi] = cryptoRange(start, end)
    const out = await s3.send(
      new GetObjectCommand({
        Bucket: request.Bucket,
        Key: request.Key,
        Range: `bytes=${lo}-${Math.min(hi, objectLength - 1)}`,
      }),
    )
    const slice = (await out.Body?.transformToByteArray()) ?? new Uint8Array()
    const allowUnauthenticated = enableLegacyUnauthenticatedModes === true
    const body = await decryptRange({
      slice,
      sliceStart: lo,
      objectLength,
      start,
      end,
      metadata,
      keyring,
      allowUnauthenticated,
    })
    const ContentRange = `bytes ${start}-${end}/${objectLength - GCM_TAG_BYTES}`
    return {
      Body: body,
      Metadata: metadata,
      format: detectFormat(metadata) as Format | 'v1',
      instructionFile,
      ContentRange,
    }
  }

  private async contentMetadata(request: { Bucket: string; Key: string }, objectMetadata: Metadata) {
    if (!needsInstructionFile(s3ecKeys(objectMetadata))) return { metadata: objectMetadata, instructionFile: false }
    const file = await this.options.s3
      .send(new GetObjectCommand({ Bucket: request.Bucket, Key: request.Key + INSTRUCTION_SUFFIX }))
      .catch((e: unknown) => {
        if ((e as Error).name !== 'NoSuchKey') throw e
        throw new CseError(
          'InvalidMetadata',
          `${request.Key} has no S3 Encryption Client metadata and no ${request.Key + INSTRUCTION_SUFFIX}: it was not client-side encrypted`,
        )
      })
    const bytes = (await file.Body?.transformToByteArray()) ?? new Uint8Array()
    return { metadata: mergeInstructionFile(objectMetadata, bytes), instructionFile: true }
  }
}

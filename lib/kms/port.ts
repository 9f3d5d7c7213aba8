/**
 * The narrow port S3 uses to reach KMS (SSE-KMS, DSSE-KMS, S3 Bucket Keys). S3 depends on this file only:
 * never on KMS state or operations. Every GenerateDataKey and Decrypt through it runs the same checks as the
 * API (key state, key policy with kms:ViaService = s3.<region>.amazonaws.com) and is recorded in CloudTrail
 * as invoked by s3.amazonaws.com.
 *
 * Failures are thrown as KMS errors: `isKmsFailure(e)` tells them apart; `e.code` is the KMS error name
 * (DisabledException, KMSInvalidStateException, NotFoundException, AccessDeniedException, ...), which S3
 * reports as `KMS.<code>`, and `e.message` is KMS's message.
 */
import { isKmsError, type KmsError } from './errors'

export type DataKeySpec = 'AES_256' | 'AES_128'

export interface PortGenerateDataKeyRequest {
  /** Any identifier form: key id, key ARN, alias name or alias ARN. */
  keyId: string
  /** S3 passes {"aws:s3:arn": object ARN}, or the bucket ARN with a Bucket Key, plus any caller context. */
  encryptionContext: Record<string, string>
  /** AES_256 unless given. */
  keySpec?: DataKeySpec
  /** The access key of the S3 request that caused this call (CloudTrail userIdentity.accessKeyId). */
  accessKeyId?: string
}

export interface PortDataKey {
  /** Always the key ARN, whatever form was asked for: what S3 returns in x-amz-server-side-encryption-aws-kms-key-id. */
  keyArn: string
  keyMaterialId: string
  plaintext: Uint8Array
  ciphertextBlob: Uint8Array
}

export interface PortDecryptRequest {
  ciphertextBlob: Uint8Array
  /** Exactly the context the data key was generated with. */
  encryptionContext: Record<string, string>
  /** Optional: the blob names its key; if given, it must identify the same key (else IncorrectKeyException). */
  keyId?: string
  accessKeyId?: string
}

export interface PortDecrypted {
  keyArn: string
  keyMaterialId: string
  plaintext: Uint8Array
}

export interface KmsPort {
  /** The ARN of the AWS managed key `aws/s3`, created on first use. Not a KMS API call: not audited. */
  awsManagedS3KeyArn(): string
  /** Resolves any identifier form to a key ARN, or throws NotFoundException as KMS would. Not audited. */
  resolveKeyArn(keyId: string): string
  /** KMS GenerateDataKey as S3 calls it. */
  generateDataKey(request: PortGenerateDataKeyRequest): Promise<PortDataKey>
  /** KMS Decrypt as S3 calls it. */
  decrypt(request: PortDecryptRequest): Promise<PortDecrypted>
}

export type KmsFailure = KmsError

export const isKmsFailure = (error: unknown): error is KmsFailure => isKmsError(error)

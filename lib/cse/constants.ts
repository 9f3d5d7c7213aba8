/**
 * Names and numbers of the Amazon S3 Encryption Client (S3EC) object formats.
 * Sources: aws-encryption-sdk-specification `s3-encryption/data-format/content-metadata.md` and
 * `framework/algorithm-suites.md`; Java S3EC `internal/MetadataKeyConstants.java`, `algorithms/AlgorithmSuite.java`.
 */

/** V2 metadata keys (content-metadata.md "V2"; MetadataKeyConstants.ENCRYPTED_DATA_KEY_V2 etc.). */
export const V2 = {
  key: 'x-amz-key-v2',
  iv: 'x-amz-iv',
  cekAlg: 'x-amz-cek-alg',
  tagLen: 'x-amz-tag-len',
  wrapAlg: 'x-amz-wrap-alg',
  matdesc: 'x-amz-matdesc',
  plaintextLength: 'x-amz-unencrypted-content-length',
} as const

/** The V1 key: its presence means the legacy format (content-metadata.md "V1"). */
export const V1_KEY = 'x-amz-key'

/** V3 compressed metadata keys (content-metadata.md "V3"; MetadataKeyConstants.ENCRYPTED_DATA_KEY_V3 etc.). */
export const V3 = {
  cekAlg: 'x-amz-c',
  key: 'x-amz-3',
  wrapAlg: 'x-amz-w',
  matdesc: 'x-amz-m',
  context: 'x-amz-t',
  commitment: 'x-amz-d',
  messageId: 'x-amz-i',
} as const

/** Content cipher of V2 (AlgorithmSuite.ALG_AES_256_GCM_IV12_TAG16_NO_KDF.cipherName()). */
export const GCM_CEK_ALG = 'AES/GCM/NoPadding'
/** `x-amz-tag-len` for GCM: 128 bits (content-metadata.md). */
export const GCM_TAG_BITS = 128
export const GCM_TAG_BYTES = 16
export const GCM_IV_BYTES = 12
export const DATA_KEY_BYTES = 32

/** Suite 0x0073, ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY: the only valid `x-amz-c` value, as decimal text (algorithm-suites.md). */
export const V3_SUITE_ID = 0x0073
export const V3_CEK_ALG = '115'
/** The suite id as two big-endian bytes: prefix of the HKDF info and the content AAD (key-derivation.md). */
export const V3_SUITE_BYTES = new Uint8Array([0x00, 0x73])
/** Message id and commitment are 28 bytes; the content IV is twelve 0x01 bytes (key-derivation.md, encryption.md). */
export const V3_MESSAGE_ID_BYTES = 28
export const V3_COMMITMENT_BYTES = 28
export const V3_IV = new Uint8Array(12).fill(0x01)

/** Wrapping algorithms this library writes, with their V3 codes (content-metadata.md "x-amz-w"). */
export type WrapAlg = 'AES/GCM' | 'kms+context' | 'RSA-OAEP-SHA1'
export const V3_WRAP_CODES: Record<WrapAlg, string> = { 'AES/GCM': '02', 'kms+context': '12', 'RSA-OAEP-SHA1': '22' }
export const wrapFromV3Code = (code: string): WrapAlg | undefined =>
  (Object.keys(V3_WRAP_CODES) as WrapAlg[]).find((w) => V3_WRAP_CODES[w] === code)

/** Reserved KMS encryption context key binding the content algorithm (materials/s3-kms-keyring.md). */
export const KMS_CEK_ALG_CONTEXT_KEY = 'aws:x-amz-cek-alg'
/** Legacy `kms` wrap's context key, also reserved when comparing contexts (s3-kms-keyring.md). */
export const KMS_CMK_ID_CONTEXT_KEY = 'kms_cmk_id'

/** Default instruction file suffix (Java DEFAULT_INSTRUCTION_FILE_SUFFIX, Ruby instruction_file_suffix). */
export const INSTRUCTION_SUFFIX = '.instruction'

/** Legacy wraps we recognise only to name them in an error (content-metadata.md, client.md). */
export const LEGACY_WRAPS = ['kms', 'AESWrap', 'RSA/ECB/OAEPWithSHA-256AndMGF1Padding', 'AES', 'RSA']

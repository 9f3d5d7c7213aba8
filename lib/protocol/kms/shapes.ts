/**
 * Input shapes of the KMS operations the emulator serves, transcribed from the AWS API model
 * (botocore `kms/2014-11-01/service-2.json`): member types, required members and constraints.
 */
import type { Shape, StructureShape } from '../json/shapes'

const str = (min?: number, max?: number, pattern?: string): Shape => ({
  type: 'string',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...(pattern ? { pattern } : {}),
})
const int = (min: number, max: number): Shape => ({ type: 'integer', min, max })
const oneOf = (...values: string[]): Shape => ({ type: 'string', enum: values })
const bool: Shape = { type: 'boolean' }

const KeyId = str(1, 2048)
const Marker = str(1, 1024, String.raw`[\u0020-\u00FF]*`)
const Limit = int(1, 1000)
const AliasName = str(1, 256, '^[a-zA-Z0-9:/_-]+$')
const Policy = str(1, 131072, String.raw`[\u0009\u000A\u000D\u0020-\u00FF]+`)
const PolicyName = str(1, 128, String.raw`[\w]+`)
const Description = str(0, 8192)
const EncryptionContext: Shape = { type: 'map', value: { type: 'string' } }
const GrantTokens: Shape = { type: 'list', member: str(1, 8192), min: 0, max: 10 }
const Plaintext: Shape = { type: 'blob', min: 1, max: 4096, sensitive: true }
const CiphertextBlob: Shape = { type: 'blob', min: 1, max: 6144 }
const EncryptionAlgorithm = oneOf('SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE')
const NumberOfBytes = int(1, 1024)
const DataKeySpec = oneOf('AES_256', 'AES_128')
const Tag: Shape = {
  type: 'structure',
  members: { TagKey: str(1, 128), TagValue: str(0, 256) },
  required: ['TagKey', 'TagValue'],
}
const Tags: Shape = { type: 'list', member: Tag }
const KEY_SPECS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'SYMMETRIC_DEFAULT',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'SM2',
]

const op = (members: Record<string, Shape>, required: string[] = []): StructureShape => ({
  type: 'structure',
  members,
  required,
})
const keyOnly = op({ KeyId }, ['KeyId'])

export const KMS_INPUT_SHAPES: Readonly<Record<string, StructureShape>> = {
  CreateKey: op({
    Policy,
    Description,
    KeyUsage: oneOf('SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'),
    CustomerMasterKeySpec: oneOf(...KEY_SPECS),
    KeySpec: oneOf(...KEY_SPECS, 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ECC_NIST_EDWARDS25519'),
    Origin: oneOf('AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'),
    CustomKeyStoreId: str(1, 64),
    BypassPolicyLockoutSafetyCheck: bool,
    Tags,
    MultiRegion: bool,
  }),
  DescribeKey: op({ KeyId, GrantTokens }, ['KeyId']),
  ListKeys: op({ Limit, Marker }),
  UpdateKeyDescription: op({ KeyId, Description }, ['KeyId', 'Description']),
  TagResource: op({ KeyId, Tags }, ['KeyId', 'Tags']),
  UntagResource: op({ KeyId, TagKeys: { type: 'list', member: str(1, 128) } }, ['KeyId', 'TagKeys']),
  ListResourceTags: op({ KeyId, Limit, Marker }, ['KeyId']),
  CreateAlias: op({ AliasName, TargetKeyId: KeyId }, ['AliasName', 'TargetKeyId']),
  UpdateAlias: op({ AliasName, TargetKeyId: KeyId }, ['AliasName', 'TargetKeyId']),
  DeleteAlias: op({ AliasName }, ['AliasName']),
  ListAliases: op({ KeyId, Limit, Marker }),
  EnableKey: keyOnly,
  DisableKey: keyOnly,
  ScheduleKeyDeletion: op({ KeyId, PendingWindowInDays: int(1, 365) }, ['KeyId']),
  CancelKeyDeletion: keyOnly,
  EnableKeyRotation: op({ KeyId, RotationPeriodInDays: int(90, 2560) }, ['KeyId']),
  DisableKeyRotation: keyOnly,
  GetKeyRotationStatus: keyOnly,
  RotateKeyOnDemand: keyOnly,
  ListKeyRotations: op({ KeyId, IncludeKeyMaterial: oneOf('ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'), Limit, Marker }, [
    'KeyId',
  ]),
  Encrypt: op({ KeyId, Plaintext, EncryptionContext, GrantTokens, EncryptionAlgorithm, DryRun: bool }, [
    'KeyId',
    'Plaintext',
  ]),
  Decrypt: op({ CiphertextBlob, EncryptionContext, GrantTokens, KeyId, EncryptionAlgorithm, DryRun: bool }, [
    'CiphertextBlob',
  ]),
  ReEncrypt: op(
    {
      CiphertextBlob,
      SourceEncryptionContext: EncryptionContext,
      SourceKeyId: KeyId,
      DestinationKeyId: KeyId,
      DestinationEncryptionContext: EncryptionContext,
      SourceEncryptionAlgorithm: EncryptionAlgorithm,
      DestinationEncryptionAlgorithm: EncryptionAlgorithm,
      GrantTokens,
      DryRun: bool,
    },
    ['CiphertextBlob', 'DestinationKeyId'],
  ),
  GenerateDataKey: op({ KeyId, EncryptionContext, NumberOfBytes, KeySpec: DataKeySpec, GrantTokens, DryRun: bool }, [
    'KeyId',
  ]),
  GenerateDataKeyWithoutPlaintext: op(
    { KeyId, EncryptionContext, KeySpec: DataKeySpec, NumberOfBytes, GrantTokens, DryRun: bool },
    ['KeyId'],
  ),
  GenerateRandom: op({ NumberOfBytes, CustomKeyStoreId: str(1, 64) }),
  GetKeyPolicy: op({ KeyId, PolicyName }, ['KeyId']),
  PutKeyPolicy: op({ KeyId, PolicyName, Policy, BypassPolicyLockoutSafetyCheck: bool }, ['KeyId', 'Policy']),
  ListKeyPolicies: op({ KeyId, Limit, Marker }, ['KeyId']),
}

/** Every operation in the KMS API (2014-11-01), served or not. */
export const KMS_API_OPERATIONS: ReadonlySet<string> = new Set([
  'CancelKeyDeletion',
  'ConnectCustomKeyStore',
  'CreateAlias',
  'CreateCustomKeyStore',
  'CreateGrant',
  'CreateKey',
  'Decrypt',
  'DeleteAlias',
  'DeleteCustomKeyStore',
  'DeleteImportedKeyMaterial',
  'DeriveSharedSecret',
  'DescribeCustomKeyStores',
  'DescribeKey',
  'DisableKey',
  'DisableKeyRotation',
  'DisconnectCustomKeyStore',
  'EnableKey',
  'EnableKeyRotation',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'GenerateRandom',
  'GetKeyLastUsage',
  'GetKeyPolicy',
  'GetKeyRotationStatus',
  'GetParametersForImport',
  'GetPublicKey',
  'ImportKeyMaterial',
  'ListAliases',
  'ListGrants',
  'ListKeyPolicies',
  'ListKeyRotations',
  'ListKeys',
  'ListResourceTags',
  'ListRetirableGrants',
  'PutKeyPolicy',
  'ReEncrypt',
  'ReplicateKey',
  'RetireGrant',
  'RevokeGrant',
  'RotateKeyOnDemand',
  'ScheduleKeyDeletion',
  'Sign',
  'TagResource',
  'UntagResource',
  'UpdateAlias',
  'UpdateCustomKeyStore',
  'UpdateKeyDescription',
  'UpdatePrimaryRegion',
  'Verify',
  'VerifyMac',
])

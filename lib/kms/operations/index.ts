/** The operation registry: a pure map from API name to implementation and its CloudTrail readOnly flag. */
import type { OpContext } from './context'
import { createAlias, deleteAlias, listAliases, updateAlias } from './aliases'
import { decrypt, encrypt, generateDataKey, generateDataKeyWithoutPlaintext, generateRandom, reEncrypt } from './crypto'
import { getKeyPolicy, listKeyPolicies, putKeyPolicy } from './key-policy'
import {
  createKey,
  describeKey,
  listKeys,
  listResourceTags,
  tagResource,
  untagResource,
  updateKeyDescription,
} from './keys'
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion } from './lifecycle'
import {
  disableKeyRotation,
  enableKeyRotation,
  getKeyRotationStatus,
  listKeyRotations,
  rotateKeyOnDemand,
} from './rotation'

export interface OperationSpec {
  readOnly: boolean
  // Each operation declares its own input type; the protocol has already checked the input against the model.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run: (ctx: OpContext, input: any) => object | Promise<object>
}

const read = (run: OperationSpec['run']): OperationSpec => ({ readOnly: true, run })
const write = (run: OperationSpec['run']): OperationSpec => ({ readOnly: false, run })

export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  CreateKey: write(createKey),
  DescribeKey: read(describeKey),
  ListKeys: read(listKeys),
  UpdateKeyDescription: write(updateKeyDescription),
  TagResource: write(tagResource),
  UntagResource: write(untagResource),
  ListResourceTags: read(listResourceTags),
  CreateAlias: write(createAlias),
  UpdateAlias: write(updateAlias),
  DeleteAlias: write(deleteAlias),
  ListAliases: read(listAliases),
  EnableKey: write(enableKey),
  DisableKey: write(disableKey),
  ScheduleKeyDeletion: write(scheduleKeyDeletion),
  CancelKeyDeletion: write(cancelKeyDeletion),
  EnableKeyRotation: write(enableKeyRotation),
  DisableKeyRotation: write(disableKeyRotation),
  GetKeyRotationStatus: read(getKeyRotationStatus),
  RotateKeyOnDemand: write(rotateKeyOnDemand),
  ListKeyRotations: read(listKeyRotations),
  Encrypt: read(encrypt),
  Decrypt: read(decrypt),
  ReEncrypt: read(reEncrypt),
  GenerateDataKey: read(generateDataKey),
  GenerateDataKeyWithoutPlaintext: read(generateDataKeyWithoutPlaintext),
  GenerateRandom: read(generateRandom),
  GetKeyPolicy: read(getKeyPolicy),
  PutKeyPolicy: write(putKeyPolicy),
  ListKeyPolicies: read(listKeyPolicies),
}

export type KmsOperationName = keyof typeof OPERATIONS

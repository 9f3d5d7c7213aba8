/**
 * Key rotation: automatic (Enable/DisableKeyRotation, GetKeyRotationStatus; driven by the emulator's clock,
 * see scheduled-events.ts) and on demand (RotateKeyOnDemand), with ListKeyRotations showing the history.
 * Rotation only adds key material: ciphertexts name the version they were made with and keep decrypting.
 */
import { KmsError } from '../errors'
import { addDays, currentMaterial, type KeyMaterial } from '../model'
import { pageTail, paginate } from '../pagination'
import { requireEnabled, requireNotPendingDeletion, type OpContext } from './context'

/** AWS's quota of on-demand rotations per key. */
export const MAX_ON_DEMAND_ROTATIONS = 10

/**
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
 * Simulation note: the next rotation is always set to now + RotationPeriodInDays, also when the call only
 * changes the period of a key that already rotates (AWS counts from the last rotation there).
 */
export function enableKeyRotation(ctx: OpContext, input: { KeyId: string; RotationPeriodInDays?: number }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'EnableKeyRotation')
  requireEnabled(key)
  const period = input.RotationPeriodInDays ?? key.rotation.periodInDays
  key.rotation = { enabled: true, periodInDays: period, next: addDays(ctx.state.now(), period) }
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html */
export function disableKeyRotation(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'DisableKeyRotation')
  requireEnabled(key)
  key.rotation = { enabled: false, periodInDays: key.rotation.periodInDays }
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html */
export function getKeyRotationStatus(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'GetKeyRotationStatus')
  requireNotPendingDeletion(key)
  const { rotation } = key
  return {
    KeyRotationEnabled: rotation.enabled,
    KeyId: key.arn,
    ...(rotation.enabled
      ? { RotationPeriodInDays: rotation.periodInDays, ...(rotation.next ? { NextRotationDate: rotation.next } : {}) }
      : {}),
  }
}

/**
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
 * Simulation note: AWS rotates asynchronously (OnDemandRotationStartDate shows it in progress); here the new
 * material is current as soon as the call returns. The automatic schedule is not changed, as on AWS.
 */
export function rotateKeyOnDemand(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'RotateKeyOnDemand')
  requireEnabled(key)
  if (key.onDemandRotations >= MAX_ON_DEMAND_ROTATIONS) {
    throw new KmsError(
      'LimitExceededException',
      `The key ${key.arn} has reached the limit of ${MAX_ON_DEMAND_ROTATIONS} on-demand rotations.`,
    )
  }
  const material = ctx.state.newMaterial(key.materials.length, 'ON_DEMAND')
  key.materials.push(material)
  key.onDemandRotations++
  ctx.additional.keyMaterialId = material.id
  return { KeyId: key.arn }
}

function rotationEntry(keyId: string, material: KeyMaterial, current: KeyMaterial) {
  return {
    KeyId: keyId,
    KeyMaterialId: material.id,
    KeyMaterialState: material === current ? 'CURRENT' : 'NON_CURRENT',
    ...(material.rotationType ? { RotationDate: material.created, RotationType: material.rotationType } : {}),
  }
}

/**
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
 * ROTATIONS_ONLY (the default) lists the rotations; ALL_KEY_MATERIAL adds the original material.
 */
export function listKeyRotations(
  ctx: OpContext,
  input: { KeyId: string; IncludeKeyMaterial?: string; Limit?: number; Marker?: string },
) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'ListKeyRotations')
  requireNotPendingDeletion(key)
  const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL'
  const materials = key.materials.filter((m) => all || m.rotationType !== undefined)
  const page = paginate(materials, (m) => String(m.version).padStart(10, '0'), input.Limit, input.Marker, 100)
  const current = currentMaterial(key)
  return { Rotations: page.items.map((m) => rotationEntry(key.id, m, current)), ...pageTail(page) }
}

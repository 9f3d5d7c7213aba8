/** EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion: the key states Enabled ⇄ Disabled → PendingDeletion. */
import { notPendingDeletion, pendingDeletion, validation, violation } from '../errors'
import { addDays } from '../model'
import type { OpContext } from './context'

export const MIN_PENDING_WINDOW_DAYS = 7
export const MAX_PENDING_WINDOW_DAYS = 30

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html */
export function enableKey(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'EnableKey')
  if (key.state === 'PendingDeletion') throw pendingDeletion(key.arn)
  key.state = 'Enabled'
  // A rotation that fell due while the key was disabled happens now, once (not once per missed period).
  const now = ctx.state.now()
  if (key.rotation.enabled && key.rotation.next && key.rotation.next < now) key.rotation.next = now
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html (Decrypt of existing ciphertexts then fails too). */
export function disableKey(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'DisableKey')
  if (key.state === 'PendingDeletion') throw pendingDeletion(key.arn)
  key.state = 'Disabled'
  return {}
}

/**
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 * The model allows 1-365 days; KMS itself enforces 7-30 (default 30). The key is deleted, with its material
 * and aliases, once the emulator's clock passes DeletionDate; ciphertexts under it can never be decrypted again.
 */
export function scheduleKeyDeletion(ctx: OpContext, input: { KeyId: string; PendingWindowInDays?: number }) {
  const days = input.PendingWindowInDays ?? MAX_PENDING_WINDOW_DAYS
  if (days < MIN_PENDING_WINDOW_DAYS || days > MAX_PENDING_WINDOW_DAYS) {
    const bound =
      days < MIN_PENDING_WINDOW_DAYS
        ? `greater than or equal to ${MIN_PENDING_WINDOW_DAYS}`
        : `less than or equal to ${MAX_PENDING_WINDOW_DAYS}`
    throw validation([violation(String(days), 'pendingWindowInDays', `Member must have value ${bound}`)])
  }
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'ScheduleKeyDeletion')
  if (key.state === 'PendingDeletion') throw pendingDeletion(key.arn)
  const now = ctx.state.now()
  key.state = 'PendingDeletion'
  key.deletion = { date: addDays(now, days), windowInDays: days, scheduled: now }
  return { KeyId: key.arn, DeletionDate: key.deletion.date, KeyState: key.state, PendingWindowInDays: days }
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html (the key comes back Disabled, not Enabled). */
export function cancelKeyDeletion(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'CancelKeyDeletion')
  if (key.state !== 'PendingDeletion') throw notPendingDeletion(key.arn)
  key.state = 'Disabled'
  delete key.deletion
  return { KeyId: key.arn }
}

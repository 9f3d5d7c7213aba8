/**
 * What KMS does by itself as time passes, driven by the emulator's clock (state.now()): automatic key
 * rotation when NextRotationDate arrives, and deletion when a PendingDeletion key's DeletionDate passes.
 * Run before every call, so advancing the clock shows the effect on the very next request.
 *
 * Both are recorded as CloudTrail service events (RotateKey, DeleteKey) at the time they were due.
 */
import type { KmsAuditRecord } from './audit'
import { addDays } from './model'
import type { KmsState } from './state'

export function runScheduledEvents(state: KmsState, record: (event: Omit<KmsAuditRecord, 'requestId'>) => void): void {
  const now = state.now()
  for (const key of [...state.keys.values()]) {
    const audited = [{ id: key.id, arn: key.arn }]
    if (key.state === 'PendingDeletion' && key.deletion && key.deletion.date <= now) {
      state.keys.delete(key.id)
      for (const [name, alias] of state.aliases) if (alias.targetKeyId === key.id) state.aliases.delete(name)
      record({ time: key.deletion.date, eventName: 'DeleteKey', readOnly: false, keys: audited })
      continue
    }
    // Simulation note: AWS skips rotation while a key is disabled; EnableKey then brings a missed rotation forward to now.
    while (key.state === 'Enabled' && key.rotation.enabled && key.rotation.next && key.rotation.next <= now) {
      const at = key.rotation.next
      const material = state.newMaterial(key.materials.length, 'AUTOMATIC', at)
      key.materials.push(material)
      key.rotation.next = addDays(at, key.rotation.periodInDays)
      record({
        time: at,
        eventName: 'RotateKey',
        readOnly: false,
        keys: audited,
        additional: { keyMaterialId: material.id },
      })
    }
  }
}

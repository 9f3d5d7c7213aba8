/**
 * The KMS part of a snapshot: keys with every key material version (base64), aliases, the CloudTrail event
 * history and the simulated clock's offset. Key material is secret; a snapshot is as sensitive as the
 * emulator's memory, and stays on the learner's machine.
 */
import type { CloudTrail } from '../cloudtrail/trail'
import type { CloudTrailRecord } from '../cloudtrail/record'
import { fromBase64, toBase64 } from '../crypto/bytes'
import type { KmsAlias, KmsKey } from '../kms/model'
import type { KmsService } from '../kms/service'
import type { SimulatedClock } from './clock'

export interface KmsParts {
  kms: KmsService
  cloudtrail: CloudTrail
  clock: SimulatedClock
}

const iso = (d: Date) => d.toISOString()
const date = (s: unknown) => new Date(String(s))
const bytes = (text: unknown) => {
  const out = fromBase64(String(text))
  if (!out) throw new Error('snapshot holds invalid base64')
  return out
}

export function kmsToSnapshot({ kms, cloudtrail, clock }: KmsParts): unknown {
  return {
    clockOffsetMs: clock.offset,
    keys: [...kms.state.keys.values()].map((k) => ({
      ...k,
      created: iso(k.created),
      ...(k.deletion
        ? {
            deletion: {
              date: iso(k.deletion.date),
              windowInDays: k.deletion.windowInDays,
              scheduled: iso(k.deletion.scheduled),
            },
          }
        : {}),
      materials: k.materials.map((m) => ({ ...m, bytes: toBase64(m.bytes), created: iso(m.created) })),
      rotation: { ...k.rotation, ...(k.rotation.next ? { next: iso(k.rotation.next) } : {}) },
    })),
    aliases: [...kms.state.aliases.values()].map((a) => ({ ...a, created: iso(a.created), updated: iso(a.updated) })),
    trail: { records: cloudtrail.records(), times: cloudtrail.times() },
  }
}

type Json = Record<string, unknown>

/** Restores the KMS part in place (the S3 port and the protocol keep their references). No `kms` part: nothing to do. */
export function restoreKmsSnapshot(data: unknown, { kms, cloudtrail, clock }: KmsParts): void {
  const part = (data as { kms?: Json } | null)?.kms
  if (!part) return
  clock.setOffset(Number(part.clockOffsetMs ?? 0))
  const keys = (part.keys as Json[]).map((k): KmsKey => {
    const deletion = k.deletion as Json | undefined
    const rotation = k.rotation as Json
    return {
      ...(k as unknown as KmsKey),
      created: date(k.created),
      ...(deletion
        ? {
            deletion: {
              date: date(deletion.date),
              windowInDays: Number(deletion.windowInDays),
              scheduled: date(deletion.scheduled),
            },
          }
        : {}),
      materials: (k.materials as Json[]).map((m) => ({
        ...(m as unknown as KmsKey['materials'][number]),
        bytes: bytes(m.bytes),
        created: date(m.created),
      })),
      rotation: {
        enabled: Boolean(rotation.enabled),
        periodInDays: Number(rotation.periodInDays),
        ...(rotation.next ? { next: date(rotation.next) } : {}),
      },
    }
  })
  const aliases = (part.aliases as Json[]).map((a): KmsAlias => ({
    ...(a as unknown as KmsAlias),
    created: date(a.created),
    updated: date(a.updated),
  }))
  kms.state.replaceWith(keys, aliases)
  const trail = part.trail as { records: CloudTrailRecord[]; times: number[] }
  cloudtrail.replaceWith(trail.records, trail.times)
}

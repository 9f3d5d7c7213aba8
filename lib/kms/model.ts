/** The KMS state's data: keys, their key material versions, aliases. */

/** The key states this emulator uses (KeyState enum members Creating, PendingImport, ... never occur here). */
export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion'
export type KeyManager = 'AWS' | 'CUSTOMER'
export type RotationType = 'AUTOMATIC' | 'ON_DEMAND'

export interface Tag {
  TagKey: string
  TagValue: string
}

/** One version of a key's backing material. Rotation appends one; none is ever removed. */
export interface KeyMaterial {
  /** KMS's KeyMaterialId: 64 lower-case hex digits. */
  id: string
  /** Index carried in ciphertext blobs: 0 for the original material, +1 per rotation. */
  version: number
  /** 256-bit AES key. */
  bytes: Uint8Array
  created: Date
  /** How this version came about; undefined for the material the key was created with. */
  rotationType?: RotationType
}

export interface RotationSettings {
  enabled: boolean
  /** RotationPeriodInDays, 90-2560; 365 by default. */
  periodInDays: number
  /** When automatic rotation next happens (only while enabled). */
  next?: Date
}

export interface KmsKey {
  id: string
  arn: string
  created: Date
  description: string
  manager: KeyManager
  state: KeyState
  /** Set while PendingDeletion. */
  deletion?: { date: Date; windowInDays: number; scheduled: Date }
  /** The key policy document, verbatim as stored (GetKeyPolicy returns it as is). */
  policy: string
  tags: Tag[]
  /** Oldest first; the last one is current. */
  materials: KeyMaterial[]
  rotation: RotationSettings
  onDemandRotations: number
}

export interface KmsAlias {
  /** `alias/...` */
  name: string
  targetKeyId: string
  created: Date
  updated: Date
}

export const currentMaterial = (key: KmsKey): KeyMaterial => key.materials[key.materials.length - 1]!

export const DAY_MS = 86_400_000
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS)

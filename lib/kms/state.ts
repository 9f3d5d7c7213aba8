/** The KMS state for one account and Region, and the dependencies its operations share. */
import { KEY_BYTES } from '../crypto/aes-gcm'
import { toHex } from '../crypto/bytes'
import type { RandomSource } from '../crypto/random'
import { uuidV4 } from '../crypto/uuid'
import {
  addDays,
  type KeyManager,
  type KeyMaterial,
  type KmsAlias,
  type KmsKey,
  type RotationType,
  type Tag,
} from './model'
import { defaultKeyPolicy } from './key-policy'
import { playgroundUserArn } from './principal'

export interface KmsOptions {
  region: string
  account: string
  random: RandomSource
  now: () => Date
}

/** AWS's default rotation period, and the one AWS managed keys always use. */
export const DEFAULT_ROTATION_DAYS = 365

export class KmsState {
  readonly keys = new Map<string, KmsKey>()
  /** By alias name (`alias/...`). */
  readonly aliases = new Map<string, KmsAlias>()

  constructor(readonly options: KmsOptions) {}

  get region(): string {
    return this.options.region
  }
  get account(): string {
    return this.options.account
  }
  get principalArn(): string {
    return playgroundUserArn(this.options.account)
  }
  now(): Date {
    return this.options.now()
  }

  keyArn(id: string): string {
    return `arn:aws:kms:${this.region}:${this.account}:key/${id}`
  }
  aliasArn(name: string): string {
    return `arn:aws:kms:${this.region}:${this.account}:${name}`
  }

  newMaterial(version: number, rotationType?: RotationType, created = this.now()): KeyMaterial {
    const { random } = this.options
    return {
      id: toHex(random(32)),
      version,
      bytes: random(KEY_BYTES),
      created,
      ...(rotationType ? { rotationType } : {}),
    }
  }

  /** Creates and stores an Enabled symmetric key with fresh material. */
  addKey(spec: { manager: KeyManager; description: string; policy?: string; tags?: Tag[]; rotate?: boolean }): KmsKey {
    const id = uuidV4(this.options.random)
    const created = this.now()
    const key: KmsKey = {
      id,
      arn: this.keyArn(id),
      created,
      description: spec.description,
      manager: spec.manager,
      state: 'Enabled',
      policy: spec.policy ?? defaultKeyPolicy(this.account),
      tags: spec.tags ?? [],
      materials: [this.newMaterial(0, undefined, created)],
      rotation: spec.rotate
        ? { enabled: true, periodInDays: DEFAULT_ROTATION_DAYS, next: addDays(created, DEFAULT_ROTATION_DAYS) }
        : { enabled: false, periodInDays: DEFAULT_ROTATION_DAYS },
      onDemandRotations: 0,
    }
    this.keys.set(id, key)
    return key
  }

  /** Restores saved keys and aliases in place (the emulator and the S3 port keep their reference to this state). */
  replaceWith(keys: Iterable<KmsKey>, aliases: Iterable<KmsAlias>): void {
    this.keys.clear()
    this.aliases.clear()
    for (const k of keys) this.keys.set(k.id, k)
    for (const a of aliases) this.aliases.set(a.name, a)
  }
}

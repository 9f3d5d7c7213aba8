/**
 * The S3 root keys that wrap SSE-S3 data keys. S3 "encrypts the key itself with a root key that it
 * regularly rotates"; rotation adds a version and keeps the old ones, so old objects stay readable.
 *
 * Simulation note: AWS does not publish how S3's root keys are kept or versioned. Here a root key is a
 * 256-bit AES-GCM key with an id; the id is stored beside each wrapped data key.
 */
import { aesGcmDecrypt, aesGcmEncrypt, IV_BYTES, KEY_BYTES, materialKey } from '../crypto/aes-gcm'
import type { RandomSource } from '../crypto/random'
import { toHex, utf8 } from '../crypto/bytes'
import type { DataKeyWrap } from './model'

export interface RootKey {
  id: string
  material: Uint8Array
  created: Date
}

export class RootKeyring {
  private readonly keys: RootKey[] = []

  constructor(
    private readonly random: RandomSource,
    private readonly now: () => Date,
    initial: RootKey[] = [],
  ) {
    this.keys.push(...initial)
    if (this.keys.length === 0) this.rotate()
  }

  /** The version new objects are wrapped with. */
  current(): RootKey {
    return this.keys[this.keys.length - 1]!
  }

  get(id: string): RootKey | undefined {
    return this.keys.find((k) => k.id === id)
  }

  rotate(): RootKey {
    const key = { id: `s3-root-${toHex(this.random(8))}`, material: this.random(KEY_BYTES), created: this.now() }
    this.keys.push(key)
    return key
  }

  /** Restores saved versions (the newest last), replacing the ones this keyring started with. */
  replaceWith(keys: readonly RootKey[]): void {
    if (keys.length === 0) throw new Error('a keyring needs at least one root key')
    this.keys.splice(0, this.keys.length, ...keys)
  }

  list(): readonly RootKey[] {
    return this.keys
  }
}

/** Wraps an SSE-S3 data key under the current root key version, bound to the object ARN. */
export async function wrapWithRoot(
  keyring: RootKeyring,
  random: RandomSource,
  dataKey: Uint8Array,
  arn: string,
): Promise<DataKeyWrap> {
  const root = keyring.current()
  const iv = random(IV_BYTES)
  return {
    kind: 'root',
    rootKeyId: root.id,
    iv,
    wrapped: await aesGcmEncrypt(await materialKey(root.material), iv, dataKey, utf8(arn)),
  }
}

/** Unwraps an SSE-S3 data key with the root key version that wrapped it. */
export async function unwrapWithRoot(
  keyring: RootKeyring,
  wrap: DataKeyWrap & { kind: 'root' },
  arn: string,
): Promise<Uint8Array> {
  const root = keyring.get(wrap.rootKeyId)
  if (!root) throw new Error(`root key ${wrap.rootKeyId} is missing`)
  return aesGcmDecrypt(await materialKey(root.material), wrap.iv, wrap.wrapped, utf8(arn))
}

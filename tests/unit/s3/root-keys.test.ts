import { describe, expect, it } from 'vitest'
import { KEY_BYTES } from '@/lib/crypto/aes-gcm'
import { webCryptoRandom } from '@/lib/crypto/random'
import { RootKeyring } from '@/lib/s3/root-keys'

describe('RootKeyring', () => {
  const now = () => new Date('2026-01-01T00:00:00Z')

  it('starts with one 256-bit root key', () => {
    const keyring = new RootKeyring(webCryptoRandom, now)
    expect(keyring.list()).toHaveLength(1)
    expect(keyring.current().material.length).toBe(KEY_BYTES)
    expect(keyring.current().created).toEqual(now())
  })
  it('rotate adds a new current version with different material and keeps the old ones findable', () => {
    const keyring = new RootKeyring(webCryptoRandom, now)
    const first = keyring.current()
    const second = keyring.rotate()
    expect(keyring.current()).toBe(second)
    expect(second.id).not.toBe(first.id)
    expect(second.material).not.toEqual(first.material)
    expect(keyring.get(first.id)).toBe(first)
    expect(keyring.get('nope')).toBeUndefined()
  })
  it('starts from given keys without adding one; replaceWith swaps them and refuses an empty list', () => {
    const a = new RootKeyring(webCryptoRandom, now)
    a.rotate()
    const b = new RootKeyring(webCryptoRandom, now, [...a.list()])
    expect(b.list().map((k) => k.id)).toEqual(a.list().map((k) => k.id))
    const c = new RootKeyring(webCryptoRandom, now)
    c.replaceWith(a.list())
    expect(c.current().id).toBe(a.current().id)
    expect(() => c.replaceWith([])).toThrow()
  })
})

/**
 * SSE-S3 at rest (issue 2, "At rest"): what a PutObject leaves in the state is ciphertext that does not
 * contain the plaintext, that opens only with the data key unwrapped by the root key, and that GetObject
 * refuses (500 InternalError, never wrong bytes) once any stored byte changes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DecryptionFailed, KEY_BYTES } from '@/lib/crypto/aes-gcm'
import { fromUtf8, utf8 } from '@/lib/crypto/bytes'
import { webCryptoRandom } from '@/lib/crypto/random'
import { objectArn, type DataKeyWrap, type StoredObject, type StoredPart } from '@/lib/s3/model'
import { unwrapWithRoot } from '@/lib/s3/root-keys'
import { damage, openSealed, storedBytes } from '../../helpers/at-rest'
import { errorOf, harness, type Harness } from '../../helpers/handle'

const BUCKET = 'at-rest-bucket'
// Long and repetitive, so any ECB-like or unencrypted storage would show it.
const PLAINTEXT = 'Top secret: the launch code is 0000. '.repeat(100)

let s3: Harness
beforeEach(async () => {
  s3 = harness()
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})

const stored = (key: string): StoredObject => {
  const object = s3.emulator.s3.bucket(BUCKET).objects.get(key)
  if (!object) throw new Error(`${key} is not stored`)
  return object
}
type RootWrap = DataKeyWrap & { kind: 'root' }
/** The SSE-S3 parts of a stored object: its one part (record and sealed bytes) and its root-wrapped data key. */
const parts = (key: string): { part: StoredPart & { format: 'seg1' }; sealed: Uint8Array; wrap: RootWrap } => {
  const { sealed } = stored(key)
  const part = sealed.parts[0]! as StoredPart & { format: 'seg1' }
  return { part, sealed: storedBytes(s3.emulator, part), wrap: sealed.key as RootWrap }
}
const contains = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack).indexOf(Buffer.from(needle)) >= 0

async function putText(key: string, text = PLAINTEXT) {
  const r = await s3.send('PUT', `/${BUCKET}/${key}`, { body: text })
  expect(r.status).toBe(200)
  return r
}

describe('what PutObject stores', () => {
  it('is ciphertext: not the plaintext, and no 16-byte window of the plaintext appears in it', async () => {
    await putText('secret.txt')
    const { size } = stored('secret.txt')
    const { sealed } = parts('secret.txt')
    const plain = utf8(PLAINTEXT)
    expect(size).toBe(plain.length)
    expect(sealed.length).toBe(plain.length + 16) // one GCM segment: same length plus the tag
    expect(sealed.subarray(0, plain.length)).not.toEqual(plain)
    for (let i = 0; i + 16 <= plain.length; i += 37) expect(contains(sealed, plain.subarray(i, i + 16))).toBe(false)
    expect(JSON.stringify(stored('secret.txt'))).not.toContain('launch code')
  })

  it('decrypts with the data key that the root key unwraps, and with nothing else', async () => {
    await putText('secret.txt')
    const { part, sealed, wrap } = parts('secret.txt')
    const arn = objectArn(BUCKET, 'secret.txt')
    const dataKey = await unwrapWithRoot(s3.emulator.s3.keyring, wrap, arn)
    expect(dataKey.length).toBe(KEY_BYTES)
    expect(fromUtf8(await openSealed({ outer: dataKey }, part, arn, sealed))).toBe(PLAINTEXT)

    const rootKey = s3.emulator.s3.keyring.get(wrap.rootKeyId)!.material
    await expect(openSealed({ outer: rootKey }, part, arn, sealed)).rejects.toBeInstanceOf(DecryptionFailed)
    await expect(openSealed({ outer: webCryptoRandom(KEY_BYTES) }, part, arn, sealed)).rejects.toBeInstanceOf(
      DecryptionFailed,
    )
    // The key is wrapped, not stored: the stored wrapped key is not the data key itself.
    expect(wrap.wrapped.subarray(0, KEY_BYTES)).not.toEqual(dataKey)
    expect(contains(wrap.wrapped, dataKey)).toBe(false)
  })

  it('uses a fresh data key and IV per object: the same plaintext twice gives unrelated ciphertexts', async () => {
    await putText('one.txt')
    await putText('two.txt')
    const a = parts('one.txt')
    const b = parts('two.txt')
    expect(a.sealed).not.toEqual(b.sealed)
    expect(a.part.nonceBase).not.toEqual(b.part.nonceBase)
    const keys = await Promise.all([
      unwrapWithRoot(s3.emulator.s3.keyring, a.wrap, objectArn(BUCKET, 'one.txt')),
      unwrapWithRoot(s3.emulator.s3.keyring, b.wrap, objectArn(BUCKET, 'two.txt')),
    ])
    expect(keys[0]).not.toEqual(keys[1])
  })

  it('overwriting an object re-encrypts it under a new data key', async () => {
    await putText('k.txt')
    const before = parts('k.txt').wrap
    await putText('k.txt')
    expect(parts('k.txt').wrap.wrapped).not.toEqual(before.wrapped)
  })

  it('GetObject returns the plaintext', async () => {
    await putText('secret.txt')
    const r = await s3.send('GET', `/${BUCKET}/secret.txt`)
    expect([r.status, await r.text()]).toEqual([200, PLAINTEXT])
  })
})

describe('tampering with stored bytes: GetObject answers 500 InternalError, never other data', () => {
  let consoleError: ReturnType<typeof vi.spyOn>
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => consoleError.mockRestore())

  // Each flips one bit in place: the stored segment (ciphertext, or its tag at the end), the nonce base, the wrap.
  const fields: Record<string, (key: string, flip: (b: Uint8Array) => void) => void> = {
    ciphertext: (k, flip) => damage(s3.emulator, parts(k).part, (b) => flip(b.subarray(0, b.length - 16))),
    'GCM tag': (k, flip) => damage(s3.emulator, parts(k).part, (b) => flip(b.subarray(b.length - 16))),
    'wrapped key': (k, flip) => flip(parts(k).wrap.wrapped),
    'nonce base': (k, flip) => flip(parts(k).part.nonceBase),
    'wrapped key iv': (k, flip) => flip(parts(k).wrap.iv),
  }
  for (const [field, flipIn] of Object.entries(fields)) {
    for (const where of ['first', 'last'] as const) {
      it(`one bit flipped in the ${where} byte of ${field}`, async () => {
        await putText('secret.txt')
        flipIn('secret.txt', (bytes) => void (bytes[where === 'first' ? 0 : bytes.length - 1]! ^= 0x01))
        const r = await s3.send('GET', `/${BUCKET}/secret.txt`)
        const e = await errorOf(r)
        expect([e.status, e.code, e.message]).toEqual([
          500,
          'InternalError',
          'We encountered an internal error. Please try again.',
        ])
      })
    }
  }

  it('a byte flipped in the middle of a 1 MiB body', async () => {
    const big = 'x'.repeat(1 << 20)
    await putText('big.txt', big)
    damage(s3.emulator, parts('big.txt').part, (b) => void (b[1 << 19]! ^= 0x80))
    expect((await s3.send('GET', `/${BUCKET}/big.txt`)).status).toBe(500)
  })

  it('a range GET of untouched bytes in a damaged segment still fails: a segment is authenticated whole', async () => {
    await putText('secret.txt')
    damage(s3.emulator, parts('secret.txt').part, (b) => void (b[PLAINTEXT.length - 1]! ^= 0x01))
    const r = await s3.send('GET', `/${BUCKET}/secret.txt`, { headers: { range: 'bytes=0-9' } })
    expect(r.status).toBe(500)
  })

  it('sealed bytes moved to another key do not open there (bound to the object ARN)', async () => {
    await putText('a.txt', 'contents of a')
    await putText('b.txt', 'contents of b')
    stored('b.txt').sealed = stored('a.txt').sealed
    const r = await s3.send('GET', `/${BUCKET}/b.txt`)
    expect(r.status).toBe(500)
    expect(await r.text()).not.toContain('contents of a')
  })

  it('a root key id that the keyring does not know', async () => {
    await putText('secret.txt')
    parts('secret.txt').wrap.rootKeyId = 's3-root-0000000000000000'
    expect((await errorOf(await s3.send('GET', `/${BUCKET}/secret.txt`))).code).toBe('InternalError')
  })

  it('HEAD does not decrypt, so it still answers from the metadata', async () => {
    await putText('secret.txt')
    damage(s3.emulator, parts('secret.txt').part, (b) => void (b[0]! ^= 1))
    expect((await s3.send('HEAD', `/${BUCKET}/secret.txt`)).status).toBe(200)
  })
})

describe('root key rotation', () => {
  it('keeps old objects readable and wraps new objects with the new version', async () => {
    const keyring = s3.emulator.s3.keyring
    await putText('old.txt', 'written before rotation')
    const oldId = parts('old.txt').wrap.rootKeyId
    expect(oldId).toBe(keyring.current().id)

    const rotated = keyring.rotate()
    expect(rotated.id).not.toBe(oldId)
    expect(keyring.current().id).toBe(rotated.id)
    expect(keyring.list().map((k) => k.id)).toEqual([oldId, rotated.id])

    await putText('new.txt', 'written after rotation')
    expect(parts('new.txt').wrap.rootKeyId).toBe(rotated.id)
    expect(parts('old.txt').wrap.rootKeyId).toBe(oldId)

    expect(await (await s3.send('GET', `/${BUCKET}/old.txt`)).text()).toBe('written before rotation')
    expect(await (await s3.send('GET', `/${BUCKET}/new.txt`)).text()).toBe('written after rotation')
  })

  it('the new version really is a different key: the old one cannot unwrap new data keys', async () => {
    const keyring = s3.emulator.s3.keyring
    const old = keyring.current()
    keyring.rotate()
    await putText('new.txt')
    const { wrap } = parts('new.txt')
    await expect(
      unwrapWithRoot(keyring, { ...wrap, rootKeyId: old.id }, objectArn(BUCKET, 'new.txt')),
    ).rejects.toBeInstanceOf(DecryptionFailed)
  })

  it('survives several rotations', async () => {
    const keyring = s3.emulator.s3.keyring
    for (let i = 0; i < 4; i++) {
      await putText(`gen-${i}.txt`, `generation ${i}`)
      keyring.rotate()
    }
    for (let i = 0; i < 4; i++)
      expect(await (await s3.send('GET', `/${BUCKET}/gen-${i}.txt`)).text()).toBe(`generation ${i}`)
    expect(new Set([0, 1, 2, 3].map((i) => parts(`gen-${i}.txt`).wrap.rootKeyId)).size).toBe(4)
  })
})

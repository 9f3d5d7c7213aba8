/**
 * AES-256-GCM against published vectors. Source: D. McGrew and J. Viega, "The Galois/Counter Mode of
 * Operation (GCM)", revised 2005, Appendix B, test cases 13-16 (256-bit keys, 96-bit IVs), the vectors
 * NIST SP 800-38D points to and that OpenSSL, nettle and Go's crypto/cipher test against.
 */
import { describe, expect, it } from 'vitest'
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  DecryptionFailed,
  importAesKey,
  IV_BYTES,
  materialKey,
  TAG_BYTES,
} from '@/lib/crypto/aes-gcm'
import { fromHex, toHex, utf8 } from '@/lib/crypto/bytes'

const K15 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'
const IV15 = 'cafebabefacedbaddecaf888'
const P15 =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
  '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255'
const C15 =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
  '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad'

const vectors = [
  {
    name: 'case 13: empty plaintext, no AAD',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '',
    aad: '',
    c: '',
    tag: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    name: 'case 14: one zero block, no AAD',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '00'.repeat(16),
    aad: '',
    c: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    name: 'case 15: four blocks, no AAD',
    key: K15,
    iv: IV15,
    p: P15,
    aad: '',
    c: C15,
    tag: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    name: 'case 16: 60-byte plaintext with 20 bytes of AAD',
    key: K15,
    iv: IV15,
    p: P15.slice(0, 120),
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    c: C15.slice(0, 120),
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
]

describe('AES-256-GCM published test vectors', () => {
  for (const v of vectors) {
    it(`${v.name}: encrypts to C || T and decrypts back`, async () => {
      const aad = v.aad ? fromHex(v.aad) : undefined
      const sealed = await aesGcmEncrypt(fromHex(v.key), fromHex(v.iv), fromHex(v.p), aad)
      expect(toHex(sealed)).toBe(v.c + v.tag)
      expect(toHex(await aesGcmDecrypt(fromHex(v.key), fromHex(v.iv), sealed, aad))).toBe(v.p)
    })
  }

  it('accepts an imported CryptoKey as well as raw bytes', async () => {
    const key = await importAesKey(fromHex(K15))
    const v = vectors[3]!
    const sealed = await aesGcmEncrypt(key, fromHex(v.iv), fromHex(v.p), fromHex(v.aad))
    expect(toHex(sealed)).toBe(v.c + v.tag)
  })
})

describe('AES-256-GCM authentication', () => {
  const key = fromHex(K15)
  const iv = fromHex(IV15)
  const aad = utf8('arn:aws:s3:::bucket/key')
  const plaintext = utf8('attack at dawn, bring snacks')

  it('appends a 16-byte tag', async () => {
    expect((await aesGcmEncrypt(key, iv, plaintext)).length).toBe(plaintext.length + TAG_BYTES)
  })

  it('rejects every single flipped bit of ciphertext or tag with DecryptionFailed', async () => {
    const sealed = await aesGcmEncrypt(key, iv, plaintext, aad)
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice()
      bad[i]! ^= 1 << (i % 8)
      await expect(aesGcmDecrypt(key, iv, bad, aad), `byte ${i}`).rejects.toBeInstanceOf(DecryptionFailed)
    }
  })

  it('rejects a truncated tag, another IV, another key, other AAD or missing AAD', async () => {
    const sealed = await aesGcmEncrypt(key, iv, plaintext, aad)
    const otherIv = iv.slice()
    otherIv[0]! ^= 0x80
    const otherKey = key.slice()
    otherKey[31]! ^= 1
    await expect(aesGcmDecrypt(key, iv, sealed.subarray(0, sealed.length - 1), aad)).rejects.toBeInstanceOf(
      DecryptionFailed,
    )
    await expect(aesGcmDecrypt(key, otherIv, sealed, aad)).rejects.toBeInstanceOf(DecryptionFailed)
    await expect(aesGcmDecrypt(otherKey, iv, sealed, aad)).rejects.toBeInstanceOf(DecryptionFailed)
    await expect(aesGcmDecrypt(key, iv, sealed, utf8('arn:aws:s3:::bucket/other'))).rejects.toBeInstanceOf(
      DecryptionFailed,
    )
    await expect(aesGcmDecrypt(key, iv, sealed)).rejects.toBeInstanceOf(DecryptionFailed)
  })

  it('refuses keys that are not 256 bits and IVs that are not 96 bits', async () => {
    await expect(aesGcmEncrypt(new Uint8Array(16), iv, plaintext)).rejects.toThrow(RangeError)
    await expect(aesGcmEncrypt(key, new Uint8Array(IV_BYTES + 4), plaintext)).rejects.toThrow(RangeError)
  })

  it('imports long-lived key material once per array, and it encrypts as the raw key does', async () => {
    const material = fromHex(K15)
    const first = materialKey(material)
    expect(materialKey(material)).toBe(first)
    expect(materialKey(material.slice())).not.toBe(first)
    const iv = fromHex(IV15)
    expect(toHex(await aesGcmEncrypt(await first, iv, utf8('same')))).toBe(
      toHex(await aesGcmEncrypt(material, iv, utf8('same'))),
    )
  })
})

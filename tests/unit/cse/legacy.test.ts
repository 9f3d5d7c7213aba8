/** Legacy reads behind opt-ins (client.md): AESWrap (RFC 3394) with AES-CBC content, and the legacy `kms` wrap. */
import { describe, expect, it } from 'vitest'
import { buf, fromHex, toBase64, utf8 } from '@/lib/crypto/bytes'
import { aesKeyring, decryptObject, isLegacy, kmsKeyring } from '@/lib/cse'
import { fakeKms } from './fake-kms'

const both = { enableLegacyWrappingAlgorithms: true, enableLegacyUnauthenticatedModes: true }

async function cbc(dataKey: Uint8Array, iv: Uint8Array, plaintext: Uint8Array) {
  const key = await crypto.subtle.importKey('raw', buf(dataKey), 'AES-CBC', false, ['encrypt'])
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: buf(iv) }, key, buf(plaintext)))
}

describe('legacy wraps and content', () => {
  it('RFC 3394 §4.6 vector: AES-KW of a 256-bit key under a 256-bit KEK, as AESWrap', async () => {
    const kek = fromHex('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F')
    const dataKey = fromHex('00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F')
    const wrapped = fromHex('28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21')
    const iv = fromHex('0f'.repeat(16))
    const metadata = {
      'x-amz-key-v2': toBase64(wrapped),
      'x-amz-iv': toBase64(iv),
      'x-amz-cek-alg': 'AES/CBC/PKCS5Padding',
      'x-amz-wrap-alg': 'AESWrap',
      'x-amz-matdesc': '{}',
    }
    const body = await cbc(dataKey, iv, utf8('legacy object'))
    expect(isLegacy(metadata)).toBe(true)
    await expect(decryptObject(body, metadata, aesKeyring(kek))).rejects.toThrow(/legacy wrapping algorithm AESWrap/)
    expect(await decryptObject(body, metadata, aesKeyring(kek), both)).toEqual(utf8('legacy object'))
    await expect(decryptObject(body, metadata, aesKeyring(fromHex('11'.repeat(32))), both)).rejects.toMatchObject({
      code: 'KeyUnwrapFailed',
    })
  })

  it('legacy kms wrap with GCM content (Go v1 client style): context {"kms_cmk_id": ...}, content not bound', async () => {
    const kms = fakeKms()
    const context = { kms_cmk_id: 'test-key' }
    const { plaintext: dataKey, ciphertextBlob } = await kms.generateDataKey({
      keyId: 'test-key',
      encryptionContext: context,
    })
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const key = await crypto.subtle.importKey('raw', buf(dataKey), 'AES-GCM', false, ['encrypt'])
    const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, buf(utf8('go wrote this'))))
    const metadata = {
      'x-amz-key-v2': toBase64(ciphertextBlob),
      'x-amz-iv': toBase64(iv),
      'x-amz-cek-alg': 'AES/GCM/NoPadding',
      'x-amz-tag-len': '128',
      'x-amz-wrap-alg': 'kms',
      'x-amz-matdesc': JSON.stringify(context),
    }
    await expect(decryptObject(body, metadata, kmsKeyring(kms, 'test-key'))).rejects.toThrow(
      /legacy wrapping algorithm kms/,
    )
    expect(
      await decryptObject(body, metadata, kmsKeyring(kms, 'test-key'), { enableLegacyWrappingAlgorithms: true }),
    ).toEqual(utf8('go wrote this'))
    const tampered = body.slice()
    tampered[0]! ^= 1
    await expect(
      decryptObject(tampered, metadata, kmsKeyring(kms, 'test-key'), { enableLegacyWrappingAlgorithms: true }),
    ).rejects.toMatchObject({ code: 'TagMismatch' })
  })
})

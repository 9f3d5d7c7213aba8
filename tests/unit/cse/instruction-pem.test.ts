/** Instruction files (metadata-strategy.md) and RSA PEM import (PKCS#1 and PKCS#8, as Ruby and OpenSSL write them). */
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fromHex, fromUtf8, utf8 } from '@/lib/crypto/bytes'
import {
  aesKeyring,
  decryptObject,
  encryptObject,
  mergeInstructionFile,
  needsInstructionFile,
  rsaKeyringFromPem,
  splitForInstructionFile,
} from '@/lib/cse'

const keyring = aesKeyring(fromHex('33'.repeat(32)))

describe('instruction files', () => {
  it('v2: everything goes to the file except the plaintext length (as Ruby does)', async () => {
    const { body, metadata } = await encryptObject(utf8('abc'), keyring)
    const { objectMetadata, instruction } = splitForInstructionFile(metadata)
    expect(objectMetadata).toEqual({ 'x-amz-unencrypted-content-length': '3' })
    expect(Object.keys(JSON.parse(fromUtf8(instruction)))).toContain('x-amz-key-v2')
    expect(needsInstructionFile(objectMetadata)).toBe(true)
    expect(await decryptObject(body, mergeInstructionFile(objectMetadata, instruction), keyring)).toEqual(utf8('abc'))
  })

  it('v3: x-amz-c, x-amz-d, x-amz-i stay on the object and may not appear in the file', async () => {
    const { body, metadata } = await encryptObject(utf8('abc'), keyring, { format: 'v3' })
    const { objectMetadata, instruction } = splitForInstructionFile(metadata)
    expect(Object.keys(objectMetadata).sort()).toEqual(['x-amz-c', 'x-amz-d', 'x-amz-i'])
    expect(needsInstructionFile(objectMetadata)).toBe(true)
    expect(needsInstructionFile(metadata)).toBe(false)
    expect(await decryptObject(body, mergeInstructionFile(objectMetadata, instruction), keyring)).toEqual(utf8('abc'))
    const smuggled = utf8(JSON.stringify({ ...JSON.parse(fromUtf8(instruction)), 'x-amz-d': metadata['x-amz-d'] }))
    expect(() => mergeInstructionFile(objectMetadata, smuggled)).toThrow(/must not contain/)
  })
})

describe('RSA keys from PEM', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const pem = (type: 'pkcs1' | 'pkcs8' | 'spki', key = privateKey) => key.export({ type, format: 'pem' }) as string

  it.each(['pkcs1', 'pkcs8'] as const)(
    'a %s private key encrypts and decrypts (RSA-OAEP-SHA1 round trip)',
    async (type) => {
      const rsa = await rsaKeyringFromPem(pem(type))
      const { body, metadata } = await encryptObject(utf8('rsa'), rsa)
      expect(metadata['x-amz-wrap-alg']).toBe('RSA-OAEP-SHA1')
      expect(await decryptObject(body, metadata, rsa)).toEqual(utf8('rsa'))
    },
  )

  it.each(['pkcs1', 'spki'] as const)('a %s public key encrypts for the private key holder', async (type) => {
    const writer = await rsaKeyringFromPem(pem(type, publicKey))
    const { body, metadata } = await encryptObject(utf8('rsa'), writer, { format: 'v3' })
    expect(metadata['x-amz-w']).toBe('22')
    await expect(decryptObject(body, metadata, writer)).rejects.toThrow(/private key/)
    expect(await decryptObject(body, metadata, await rsaKeyringFromPem(pem('pkcs1')))).toEqual(utf8('rsa'))
  })

  it('rejects text that is not an RSA key PEM', async () => {
    await expect(rsaKeyringFromPem('hello')).rejects.toThrow(/PEM/)
    await expect(rsaKeyringFromPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).rejects.toThrow(
      /CERTIFICATE/,
    )
  })
})

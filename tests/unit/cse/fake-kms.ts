/** An in-memory KmsPort for unit tests: data keys sealed with AES-GCM under a fixed key, the context as AAD. */
import { buf, utf8 } from '@/lib/crypto/bytes'
import type { KmsPort } from '@/lib/cse'

const canonical = (context: Record<string, string>) =>
  utf8(JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : 1))))

export function fakeKms(keyId = 'test-key'): KmsPort & { calls: string[] } {
  const master = crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
  const iv = new Uint8Array(12)
  const calls: string[] = []
  return {
    calls,
    async generateDataKey(request) {
      calls.push(`GenerateDataKey ${request.keyId} ${JSON.stringify(request.encryptionContext)}`)
      if (request.keyId !== keyId) throw new Error('NotFoundException')
      const plaintext = crypto.getRandomValues(new Uint8Array(32))
      const params = { name: 'AES-GCM', iv, additionalData: buf(canonical(request.encryptionContext)) }
      return { plaintext, ciphertextBlob: new Uint8Array(await crypto.subtle.encrypt(params, await master, plaintext)) }
    },
    async decrypt(request) {
      calls.push(`Decrypt ${request.keyId} ${JSON.stringify(request.encryptionContext)}`)
      const params = { name: 'AES-GCM', iv, additionalData: buf(canonical(request.encryptionContext)) }
      try {
        return new Uint8Array(await crypto.subtle.decrypt(params, await master, buf(request.ciphertextBlob)))
      } catch {
        throw Object.assign(new Error('The ciphertext is invalid'), { name: 'InvalidCiphertextException' })
      }
    },
  }
}

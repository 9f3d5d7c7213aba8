/**
 * PEM/DER for RSA keys. WebCrypto imports private keys as PKCS#8 only and public keys as SPKI only, while
 * Ruby and OpenSSL often emit PKCS#1 (`BEGIN RSA PRIVATE KEY`), so PKCS#1 is wrapped here (docs/fidelity.md §C2).
 * Layouts: RFC 5208 §5 (PrivateKeyInfo), RFC 5280 §4.1 (SubjectPublicKeyInfo), RFC 8017 A.1 (RSA keys).
 */
import { buf, concat, fromBase64 } from '../crypto/bytes'
import { CseError } from './errors'

// rsaEncryption OID 1.2.840.113549.1.1.1 with NULL parameters (RFC 8017 A.1).
const RSA_ALGORITHM_ID = new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
])
const OAEP_SHA1 = { name: 'RSA-OAEP', hash: 'SHA-1' } as const

function derLength(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff)
  return new Uint8Array([0x80 | bytes.length, ...bytes])
}
const der = (tag: number, content: Uint8Array) => concat(new Uint8Array([tag]), derLength(content.length), content)

export function pemToDer(pem: string): { label: string; der: Uint8Array } {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem)
  const bytes = match ? fromBase64(match[2]!.replace(/\s+/g, '')) : undefined
  if (!match || !bytes) throw new CseError('InvalidMetadata', 'not a PEM-encoded key')
  return { label: match[1]!, der: bytes }
}

/** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, key as OCTET STRING). */
export const pkcs1ToPkcs8 = (pkcs1: Uint8Array) =>
  der(0x30, concat(new Uint8Array([0x02, 0x01, 0x00]), RSA_ALGORITHM_ID, der(0x04, pkcs1)))
/** PKCS#1 RSAPublicKey → SubjectPublicKeyInfo (key as BIT STRING with 0 unused bits). */
export const pkcs1ToSpki = (pkcs1: Uint8Array) =>
  der(0x30, concat(RSA_ALGORITHM_ID, der(0x03, concat(new Uint8Array([0]), pkcs1))))

/** An RSA private key for RSA-OAEP-SHA1, from a PKCS#1 or PKCS#8 PEM. Extractable so its public half can be derived. */
export async function importRsaPrivateKey(pem: string): Promise<CryptoKey> {
  const { label, der: bytes } = pemToDer(pem)
  if (label !== 'PRIVATE KEY' && label !== 'RSA PRIVATE KEY')
    throw new CseError('InvalidMetadata', `expected an RSA private key PEM, got ${label}`)
  const pkcs8 = label === 'RSA PRIVATE KEY' ? pkcs1ToPkcs8(bytes) : bytes
  return crypto.subtle.importKey('pkcs8', buf(pkcs8), OAEP_SHA1, true, ['decrypt'])
}

/** An RSA public key for RSA-OAEP-SHA1, from a SPKI (`PUBLIC KEY`) or PKCS#1 (`RSA PUBLIC KEY`) PEM. */
export async function importRsaPublicKey(pem: string): Promise<CryptoKey> {
  const { label, der: bytes } = pemToDer(pem)
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY')
    throw new CseError('InvalidMetadata', `expected an RSA public key PEM, got ${label}`)
  return crypto.subtle.importKey(
    'spki',
    buf(label === 'RSA PUBLIC KEY' ? pkcs1ToSpki(bytes) : bytes),
    OAEP_SHA1,
    true,
    ['encrypt'],
  )
}

/** The public half of an extractable private key (via JWK n and e). */
export async function publicKeyOf(privateKey: CryptoKey): Promise<CryptoKey> {
  const { n, e } = await crypto.subtle.exportKey('jwk', privateKey)
  return crypto.subtle.importKey('jwk', { kty: 'RSA', n, e, alg: 'RSA-OAEP', ext: true }, OAEP_SHA1, true, ['encrypt'])
}

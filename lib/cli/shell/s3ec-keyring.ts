/**
 * `--keyring` for the s3ec command, after the SDK clients' keyrings: `kms:KEY` (KmsKeyring, the playground's
 * KMS via the current target), `aes:fileb://KEY` (AesKeyring, 32 raw bytes), `rsa:file://KEY.pem` (RsaKeyring;
 * a private key reads and writes, a public key only writes).
 */
import type { Clients } from '../../sdk/clients'
import { fromUtf8 } from '../../crypto/bytes'
import { aesKeyring, CseError, kmsKeyring, kmsPortFromClient, rsaKeyringFromPem, type Keyring } from '../../cse'
import type { FileSystem } from './vfs'

export const KEYRING_FORMS = 'kms:KEY_ID|ALIAS|ARN, aes:fileb://KEY (32 bytes), rsa:file://KEY.pem'

export async function keyringFrom(
  spec: string,
  context: Record<string, string>,
  vfs: FileSystem,
  clients: () => Clients,
): Promise<Keyring> {
  const [kind, ...rest] = spec.split(':')
  const value = rest.join(':')
  if (kind === 'kms' && value)
    return kmsKeyring(kmsPortFromClient(clients().kms), value, { encryptionContext: context })
  if (kind === 'aes' && value.startsWith('fileb://')) {
    const key = vfs.read(value.slice('fileb://'.length))
    // S3EC examples use AES-256 wrapping keys; a hex or base64 text file is the usual mistake, so say so.
    if (key.length !== 32)
      throw new CseError(
        'InvalidMetadata',
        `the AES wrapping key must be 32 raw bytes, ${value} has ${key.length} (make one with: openssl rand -out key.bin 32)`,
      )
    return aesKeyring(key)
  }
  if (kind === 'rsa' && value.startsWith('file://'))
    return rsaKeyringFromPem(fromUtf8(vfs.read(value.slice('file://'.length))))
  throw new CseError('InvalidMetadata', `--keyring must be one of ${KEYRING_FORMS}, not ${spec}`)
}

/** `--encryption-context` as JSON (`{"k":"v"}`) or `k=v,k2=v2` (aws-cli shorthand). */
export function parseContext(text: string | undefined): Record<string, string> {
  if (text === undefined) return {}
  if (text.trim().startsWith('{')) {
    const value = JSON.parse(text) as unknown
    if (typeof value !== 'object' || value === null || Object.values(value).some((v) => typeof v !== 'string'))
      throw new CseError('InvalidMetadata', '--encryption-context must map strings to strings')
    return value as Record<string, string>
  }
  return Object.fromEntries(
    text
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=')
        if (at < 1) throw new CseError('InvalidMetadata', `--encryption-context: expected key=value, got ${pair}`)
        return [pair.slice(0, at), pair.slice(at + 1)]
      }),
  )
}

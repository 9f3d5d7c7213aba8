/**
 * The signature of a POST Object form (SigV4): HMAC-SHA256 of the base64 policy field with the credential
 * scope's signing key (S3 API reference, "Authenticating Requests in Browser-Based Uploads Using POST").
 * Checked in strict mode only, like every other signature; the fields themselves are required either way.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { toHex, utf8 } from '../../crypto/bytes'
import { S3Error } from '../../s3/errors'
import { signingKey, type Credential } from './sigv4'

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.'

/** Throws S3's error when the form's signature does not verify against `credentials`. */
export function verifyPostSignature(fields: Map<string, string>, credentials: readonly Credential[]): void {
  const policy = fields.get('policy') ?? ''
  const scope = (fields.get('x-amz-credential') ?? '').split('/')
  const [accessKeyId = '', date = '', region = '', service = ''] = scope
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256' || scope.length !== 5 || scope[4] !== 'aws4_request')
    throw new S3Error('InvalidArgument', 'Unsupported or malformed credential scope in the POST form.', 400, {
      ArgumentName: 'x-amz-credential',
      ArgumentValue: fields.get('x-amz-credential') ?? '',
    })
  const credential = credentials.find((c) => c.accessKeyId === accessKeyId)
  if (!credential)
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, {
      AWSAccessKeyId: accessKeyId,
    })
  if (credential.sessionToken !== undefined && fields.get('x-amz-security-token') !== credential.sessionToken)
    throw new S3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400)
  const expected = toHex(hmac(sha256, signingKey(credential.secretAccessKey, date, region, service), utf8(policy)))
  if (expected !== (fields.get('x-amz-signature') ?? '').toLowerCase())
    throw new S3Error('SignatureDoesNotMatch', MISMATCH, 403, {
      AWSAccessKeyId: accessKeyId,
      StringToSign: policy,
      SignatureProvided: fields.get('x-amz-signature') ?? '',
    })
}

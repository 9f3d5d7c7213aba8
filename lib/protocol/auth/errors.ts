/**
 * How each service words a failed signature check (strict mode): S3 as XML errors with its diagnostic
 * fields, KMS and CloudTrail as JSON errors, STS as a Query-protocol error.
 */
import { S3Error } from '../../s3/errors'
import { jsonError } from '../json/respond'
import { xmlDocument } from '../xml'
import { hexBytes, MAX_SKEW_MS, type AuthFailure } from './sigv4'

const S3_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
const JSON_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
const BAD_TOKEN = 'The security token included in the request is invalid.'

export function s3AuthError(f: AuthFailure, presigned: boolean): S3Error {
  switch (f.kind) {
    case 'missing':
      return new S3Error('AccessDenied', 'Access Denied', 403)
    case 'incomplete':
      return presigned
        ? new S3Error('AuthorizationQueryParametersError', f.message, 400)
        : new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${f.message}`, 400)
    case 'unknown-key':
      return new S3Error(
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        403,
        { AWSAccessKeyId: f.accessKeyId },
      )
    case 'bad-token':
      return new S3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400)
    case 'expired':
      return new S3Error('AccessDenied', 'Request has expired', 403, {
        'X-Amz-Expires': f.seconds,
        Expires: f.expires,
        ServerTime: f.serverTime,
      })
    case 'skewed':
      return new S3Error(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
        403,
        {
          RequestTime: f.requestTime,
          ServerTime: f.serverTime,
          MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
        },
      )
    case 'mismatch':
      return new S3Error('SignatureDoesNotMatch', S3_MISMATCH, 403, {
        AWSAccessKeyId: f.accessKeyId,
        StringToSign: f.stringToSign,
        SignatureProvided: f.signatureProvided,
        StringToSignBytes: hexBytes(f.stringToSign),
        CanonicalRequest: f.canonicalRequest,
        CanonicalRequestBytes: hexBytes(f.canonicalRequest),
      })
  }
}

const jsonMessage = (f: AuthFailure): [string, string] => {
  switch (f.kind) {
    case 'missing':
      return ['MissingAuthenticationTokenException', 'Missing Authentication Token']
    case 'incomplete':
      return ['IncompleteSignatureException', f.message]
    case 'unknown-key':
    case 'bad-token':
      return ['UnrecognizedClientException', BAD_TOKEN]
    case 'expired':
      return ['InvalidSignatureException', `Signature expired: ${f.expires} is now earlier than ${f.serverTime}.`]
    case 'skewed':
      return [
        'InvalidSignatureException',
        `Signature expired: ${f.requestTime} is now earlier than ${f.serverTime} (15 min. skew allowed).`,
      ]
    case 'mismatch':
      return [
        'InvalidSignatureException',
        `${JSON_MISMATCH}\n\nThe Canonical String for this request should have been\n'${f.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${f.stringToSign}'\n`,
      ]
  }
}

export const jsonAuthError = (f: AuthFailure, requestId: string): Response => {
  const [type, message] = jsonMessage(f)
  return jsonError(type, message, requestId, 400)
}

export function stsAuthError(f: AuthFailure, requestId: string): Response {
  const [code, message, status] =
    f.kind === 'unknown-key' || f.kind === 'bad-token'
      ? ['InvalidClientTokenId', BAD_TOKEN, 403]
      : f.kind === 'mismatch'
        ? ['SignatureDoesNotMatch', JSON_MISMATCH, 403]
        : [jsonMessage(f)[0].replace(/Exception$/, ''), jsonMessage(f)[1], 400]
  const body = xmlDocument(
    'ErrorResponse',
    [
      [
        'Error',
        [
          ['Type', 'Sender'],
          ['Code', code],
          ['Message', message],
        ],
      ],
      ['RequestId', requestId],
    ],
    'https://sts.amazonaws.com/doc/2011-06-15/',
  )
  return new Response(body, {
    status: status as number,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
  })
}

/**
 * STS over the AWS Query protocol (form-encoded `Action=...`, XML answers): GetCallerIdentity, so
 * `aws sts get-caller-identity` shows who the playground says you are.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
import { PLAYGROUND_PRINCIPAL_ID, playgroundUserArn } from '../../kms/principal'
import { xmlDocument } from '../xml'

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/'

export interface StsResult {
  operation: string
  response: Response
}

function queryError(code: string, message: string, requestId: string, status = 400): Response {
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
    NS,
  )
  return new Response(body, { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId } })
}

export async function handleSts(request: Request, account: string, requestId: string): Promise<StsResult> {
  const form = new URLSearchParams(request.method === 'POST' ? await request.text() : new URL(request.url).search)
  const action = form.get('Action') ?? ''
  if (action !== 'GetCallerIdentity') {
    return {
      operation: action || 'Unknown',
      response: queryError(
        'InvalidAction',
        `Could not find operation ${action} for version ${form.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
        requestId,
      ),
    }
  }
  const body = xmlDocument(
    'GetCallerIdentityResponse',
    [
      [
        'GetCallerIdentityResult',
        [
          ['Arn', playgroundUserArn(account)],
          ['UserId', PLAYGROUND_PRINCIPAL_ID],
          ['Account', account],
        ],
      ],
      ['ResponseMetadata', [['RequestId', requestId]]],
    ],
    NS,
  )
  return {
    operation: action,
    response: new Response(body, { headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId } }),
  }
}

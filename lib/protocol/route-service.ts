/**
 * One endpoint serves S3, KMS and CloudTrail, told apart as AWS's own front ends and moto do: the JSON
 * protocol's X-Amz-Target, or the service named in the SigV4 credential scope.
 */

const scope = (request: Request) =>
  /Credential=[^/]+\/\d{8}\/[^/]+\/([a-z0-9-]+)\/aws4_request/.exec(request.headers.get('authorization') ?? '')?.[1]

export function isKmsRequest(request: Request): boolean {
  if (request.headers.get('x-amz-target')?.startsWith('TrentService.')) return true
  return scope(request) === 'kms'
}

export function isCloudTrailRequest(request: Request): boolean {
  const target = request.headers.get('x-amz-target') ?? ''
  if (target.startsWith('com.amazonaws.cloudtrail.') || target.startsWith('CloudTrail_20131101.')) return true
  return scope(request) === 'cloudtrail'
}

/** STS speaks the Query protocol: a form body naming the Action, signed for the `sts` service. */
export function isStsRequest(request: Request): boolean {
  return scope(request) === 'sts'
}

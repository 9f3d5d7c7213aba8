/**
 * Checks a request against its bucket's policy before the operation runs (docs/fidelity.md §5; policy evaluation
 * comes before SSE header validation, §9 Q7). The condition keys are the request's own headers, never the
 * bucket default: a header-less PUT into an SSE-KMS-default bucket still matches `Null ... true`.
 */
import { accessDenied } from '../errors'
import { bucketArn, objectArn } from '../model'
import type { SseRequest } from '../sse/request'
import { resolveKeyArn } from '../sse/kms'
import type { S3State } from '../state'
import type { RequestContextKeys } from '../../policy/conditions'
import { evaluatePolicy, type PolicyDecision } from './evaluate'

/** The IAM action each served operation needs (S3 user guide, "Actions, resources and condition keys for Amazon S3"). */
export const ACTIONS: Record<string, string> = {
  PutObject: 's3:PutObject',
  CopyObject: 's3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  UploadPartCopy: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  AbortMultipartUpload: 's3:AbortMultipartUpload',
  ListParts: 's3:ListMultipartUploadParts',
  ListMultipartUploads: 's3:ListBucketMultipartUploads',
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  GetObjectAttributes: 's3:GetObjectAttributes',
  DeleteObject: 's3:DeleteObject',
  ListObjects: 's3:ListBucket',
  HeadBucket: 's3:ListBucket',
  DeleteBucket: 's3:DeleteBucket',
  GetBucketLocation: 's3:GetBucketLocation',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  PutBucketEncryption: 's3:PutEncryptionConfiguration',
  DeleteBucketEncryption: 's3:PutEncryptionConfiguration',
  GetBucketPolicy: 's3:GetBucketPolicy',
  PutBucketPolicy: 's3:PutBucketPolicy',
  DeleteBucketPolicy: 's3:DeleteBucketPolicy',
  GetBucketCors: 's3:GetBucketCORS',
  PutBucketCors: 's3:PutBucketCORS',
  DeleteBucketCors: 's3:PutBucketCORS',
  PutBucketVersioning: 's3:PutBucketVersioning',
  GetBucketVersioning: 's3:GetBucketVersioning',
  ListObjectVersions: 's3:ListBucketVersions',
  PutObjectTagging: 's3:PutObjectTagging',
  GetObjectTagging: 's3:GetObjectTagging',
  DeleteObjectTagging: 's3:DeleteObjectTagging',
}

/** The action of an operation on one version named by ?versionId (same user guide page). */
const VERSION_ACTIONS: Record<string, string> = {
  GetObject: 's3:GetObjectVersion',
  HeadObject: 's3:GetObjectVersion',
  DeleteObject: 's3:DeleteObjectVersion',
  PutObjectTagging: 's3:PutObjectVersionTagging',
  GetObjectTagging: 's3:GetObjectVersionTagging',
  DeleteObjectTagging: 's3:DeleteObjectVersionTagging',
}

/**
 * The account root can always read, replace and delete its bucket's policy, whatever the policy says
 * (S3 user guide, "Bucket policies"). Simulation note: the playground's one caller stands in for the
 * account owner here, so a learner can never lock themselves out of a bucket for good.
 */
const OWNER_ALWAYS = new Set(['GetBucketPolicy', 'PutBucketPolicy', 'DeleteBucketPolicy'])

/** S3's same-account AccessDenied text for an explicit Deny in a bucket policy (the resource in double quotes). */
export const explicitDenyMessage = (principal: string, action: string, resource: string) =>
  `User: ${principal} is not authorized to perform: ${action} on resource: "${resource}" with an explicit deny in a resource-based policy`

/** The playground's caller (the same IAM user the KMS emulator records). */
export const callerArn = (account: string) => `arn:aws:iam::${account}:user/playground`

export interface AuthorizeInput {
  operation: string
  bucket: string
  key?: string
  sse: SseRequest
  secure: boolean
  /** The copy source of CopyObject and UploadPartCopy, which also needs s3:GetObject. */
  copySource?: { bucket: string; key: string }
  /** UploadPart, UploadPartCopy and CompleteMultipartUpload: the upload they belong to. */
  uploadId?: string
  /** ?versionId: the operation acts on one version, which has its own action. */
  versionId?: string
}

const WRITES_WITH_SSE = new Set([
  'PutObject',
  'CopyObject',
  'CreateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
])
const PART_OPERATIONS = new Set(['UploadPart', 'UploadPartCopy', 'CompleteMultipartUpload'])

/**
 * A part request carries no x-amz-server-side-encryption: the upload's encryption was set when it was
 * created. Simulation note: AWS does not say which encryption keys a bucket policy sees on UploadPart and
 * CompleteMultipartUpload; we give them the CreateMultipartUpload request's headers, so the usual "deny
 * unencrypted uploads" policy lets `aws s3 cp --sse` of large files through, as it does on AWS.
 */
function sseForPolicy(s3: S3State, input: AuthorizeInput): SseRequest {
  if (!PART_OPERATIONS.has(input.operation) || input.uploadId === undefined) return input.sse
  const initiate = s3.buckets.get(input.bucket)?.uploads.get(input.uploadId)?.initiate
  if (!initiate) return input.sse
  const { algorithm: _a, kmsKeyId: _k, ...partHeaders } = input.sse
  return { ...partHeaders, ...initiate }
}

async function contextKeys(s3: S3State, input: AuthorizeInput): Promise<RequestContextKeys> {
  const account = s3.options.account
  const keys: RequestContextKeys = new Map([
    ['aws:securetransport', [String(input.secure)]],
    ['aws:principalarn', [callerArn(account)]],
    ['aws:principalaccount', [account]],
    ['aws:principaltype', ['User']],
  ])
  const sse = sseForPolicy(s3, input)
  if (sse.algorithm !== undefined) keys.set('s3:x-amz-server-side-encryption', [sse.algorithm])
  if (sse.customerAlgorithm !== undefined)
    keys.set('s3:x-amz-server-side-encryption-customer-algorithm', [sse.customerAlgorithm])
  if (WRITES_WITH_SSE.has(input.operation)) {
    const namesKms = sse.algorithm === 'aws:kms' || sse.algorithm === 'aws:kms:dsse'
    // With aws:kms the key S3 will use counts: the header's key as an ARN, or aws/s3 (S3 user guide, UsingKMSEncryption.md).
    if (namesKms && s3.kms)
      keys.set('s3:x-amz-server-side-encryption-aws-kms-key-id', [
        await resolveKeyArn(s3, sse.kmsKeyId).catch(() => sse.kmsKeyId ?? ''),
      ])
    else if (sse.kmsKeyId !== undefined) keys.set('s3:x-amz-server-side-encryption-aws-kms-key-id', [sse.kmsKeyId])
    else if (sse.algorithm === undefined && s3.options.policyKeyFromBucketDefault && s3.kms) {
      // Reference §9 Q4, behind a flag: a header-less upload into a KMS-default bucket shows the default key.
      const rule = s3.buckets.get(input.bucket)?.encryption
      if (rule && rule.algorithm !== 'AES256')
        keys.set('s3:x-amz-server-side-encryption-aws-kms-key-id', [
          await resolveKeyArn(s3, rule.kmsMasterKeyId).catch(() => rule.kmsMasterKeyId ?? ''),
        ])
    }
  }
  return keys
}

/** Where authorize leaves its decisions, for the request event the inspector shows (set even when it denies). */
export interface PolicyTrace {
  policy?: PolicyDecision[]
}

/** Evaluates the bucket policies that govern this request; throws 403 AccessDenied on an explicit deny. */
export async function authorize(
  s3: S3State,
  input: AuthorizeInput,
  trace: PolicyTrace = {},
): Promise<PolicyDecision[] | undefined> {
  const action =
    (input.versionId !== undefined ? VERSION_ACTIONS[input.operation] : undefined) ?? ACTIONS[input.operation]
  if (!action) return undefined
  const targets: { bucket: string; action: string; resource: string }[] = []
  const own = s3.buckets.get(input.bucket)
  if (own?.policy)
    targets.push({
      bucket: input.bucket,
      action,
      resource: input.key !== undefined ? objectArn(input.bucket, input.key) : bucketArn(input.bucket),
    })
  const source = input.copySource && s3.buckets.get(input.copySource.bucket)
  if (source?.policy)
    targets.push({
      bucket: source.name,
      action: 's3:GetObject',
      resource: objectArn(source.name, input.copySource!.key),
    })
  if (targets.length === 0) return undefined
  const context = await contextKeys(s3, input)
  const decisions = targets.map((t) =>
    evaluatePolicy(s3.buckets.get(t.bucket)!.policy!, {
      action: t.action,
      resource: t.resource,
      principalArn: callerArn(s3.options.account),
      account: s3.options.account,
      context,
    }),
  )
  trace.policy = decisions
  // Requests from the bucket owner's own account get S3's newer message naming the principal, the action, the
  // resource and the kind of policy (S3 user guide, "Troubleshoot access denied (403 Forbidden) errors").
  const denied = decisions.find((d) => d.decision === 'Deny')
  if (denied && !OWNER_ALWAYS.has(input.operation))
    throw accessDenied(explicitDenyMessage(callerArn(s3.options.account), denied.action, denied.resource))
  return decisions
}

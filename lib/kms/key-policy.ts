/**
 * Key policy documents: the two defaults KMS writes, and parsing a policy into statements of the one
 * IAM-style evaluator (lib/policy/evaluate.ts, through policy-evaluation.ts).
 *
 * Simulation note: AWS accepts the full IAM policy grammar. We parse Effect, Principal (`*` or `{"AWS": ...}`),
 * Action / NotAction and Condition; Resource is accepted and ignored (in a key policy it can only mean
 * this key). The MalformedPolicyDocumentException messages other than the lockout one are ours.
 */
import type { ConditionClause } from '../policy/conditions'
import type { PolicyStatement } from '../policy/evaluate'
import { malformedPolicy } from './errors'

/** What GetKeyPolicy returns for a key created without a policy, in AWS's own layout. */
export const defaultKeyPolicy = (account: string) => `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${account}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`

/**
 * The policy of the AWS managed key `aws/s3`: anyone in the account may use it, but only through S3;
 * the account may read its metadata. Nobody may change, disable or delete it.
 */
export const awsS3KeyPolicy = (account: string, region: string) => `{
  "Version" : "2012-10-17",
  "Id" : "auto-s3-2",
  "Statement" : [ {
    "Sid" : "Allow access through S3 for all principals in the account that are authorized to use S3",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey" ],
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:CallerAccount" : "${account}",
        "kms:ViaService" : "s3.${region}.amazonaws.com"
      }
    }
  }, {
    "Sid" : "Allow direct access to key metadata to the account",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${account}:root"
    },
    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*" ],
    "Resource" : "*"
  } ]
}`

/** A key policy statement: `principal` is `'*'` for everyone, otherwise AWS principal ARNs or account ids. */
export type Statement = PolicyStatement

const strings = (value: unknown, what: string): string[] => {
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0 || list.some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
    throw malformedPolicy(`The key policy is malformed: ${what} must be a string or a list of strings.`)
  }
  return list.map(String)
}

function principals(value: unknown): '*' | string[] {
  if (value === '*') return '*'
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw malformedPolicy('Policy contains a statement with one or more invalid principals.')
  }
  const aws = (value as Record<string, unknown>).AWS
  if (aws === undefined) return [] // Service / Federated principals never match the playground user.
  const list = strings(aws, 'Principal.AWS')
  return list.includes('*') ? '*' : list
}

function conditions(value: unknown): ConditionClause[] {
  if (value === undefined) return []
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw malformedPolicy('The key policy is malformed: Condition must be an object.')
  return Object.entries(value as Record<string, unknown>).flatMap(([operator, block]) => {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      throw malformedPolicy(`The key policy is malformed: the ${operator} condition must be an object.`)
    }
    return Object.entries(block as Record<string, unknown>).map(([key, v]) => ({
      operator,
      key: key.toLowerCase(),
      keyAsWritten: key,
      values: strings(v, `${operator}.${key}`),
    }))
  })
}

/** Parses a key policy; throws MalformedPolicyDocumentException for anything we cannot evaluate. */
export function parsePolicy(text: string): Statement[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw malformedPolicy('The key policy is not valid JSON.')
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw malformedPolicy('The key policy must be a JSON object.')
  const raw = (doc as Record<string, unknown>).Statement
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  if (list.length === 0) throw malformedPolicy('The key policy is malformed: it has no Statement.')
  return list.map((s, index): Statement => {
    if (s === null || typeof s !== 'object' || Array.isArray(s))
      throw malformedPolicy('The key policy is malformed: a Statement must be an object.')
    const st = s as Record<string, unknown>
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny')
      throw malformedPolicy('The key policy is malformed: Effect must be Allow or Deny.')
    if (st.Principal === undefined) throw malformedPolicy('Policy contains a statement with no principal.')
    if ((st.Action === undefined) === (st.NotAction === undefined)) {
      throw malformedPolicy('The key policy is malformed: a Statement needs exactly one of Action and NotAction.')
    }
    return {
      index,
      ...(typeof st.Sid === 'string' ? { sid: st.Sid } : {}),
      effect: st.Effect,
      principal: principals(st.Principal),
      notPrincipal: false,
      actions: strings(st.Action ?? st.NotAction, st.Action !== undefined ? 'Action' : 'NotAction'),
      notAction: st.Action === undefined,
      notResource: false,
      conditions: conditions(st.Condition),
    }
  })
}

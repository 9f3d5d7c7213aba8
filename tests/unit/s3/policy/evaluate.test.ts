/**
 * The bucket policy evaluator (docs/fidelity.md §5): AWS's "deny unencrypted uploads" and "require a specific KMS
 * key" examples, and edge cases of principals, actions, resources and condition operators, each with the
 * expected decision and explanation.
 */
import { describe, expect, it } from 'vitest'
import { S3Error } from '@/lib/s3/errors'
import type { RequestContextKeys } from '@/lib/policy/conditions'
import { parseBucketPolicy } from '@/lib/s3/policy/document'
import { evaluatePolicy, type PolicyDecision } from '@/lib/s3/policy/evaluate'

const B = 'policy-bucket'
const ACCOUNT = '111122223333'
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'

const policy = (...statements: object[]) =>
  parseBucketPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), B)
const deny = (condition?: object, extra: object = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `arn:aws:s3:::${B}/*`,
  ...(condition ? { Condition: condition } : {}),
  ...extra,
})

function decide(
  p: ReturnType<typeof policy>,
  context: Record<string, string> = {},
  action = 's3:PutObject',
  resource = `arn:aws:s3:::${B}/k`,
): PolicyDecision {
  const keys: RequestContextKeys = new Map([['aws:securetransport', ['true']]])
  for (const [k, v] of Object.entries(context)) keys.set(k.toLowerCase(), [v])
  return evaluatePolicy(p, {
    action,
    resource,
    principalArn: `arn:aws:iam::${ACCOUNT}:user/playground`,
    account: ACCOUNT,
    context: keys,
  })
}
const SSE = 's3:x-amz-server-side-encryption'
const KMS_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id'
const SSEC = 's3:x-amz-server-side-encryption-customer-algorithm'

describe("AWS's example: deny uploads without the right encryption header", () => {
  const p = policy(
    { Sid: 'DenyIncorrectEncryptionHeader', ...deny({ StringNotEquals: { [SSE]: 'AES256' } }) },
    { Sid: 'DenyUnencryptedObjectUploads', ...deny({ Null: { [SSE]: 'true' } }) },
  )
  it('AES256 is allowed: neither statement applies', () => {
    const d = decide(p, { [SSE]: 'AES256' })
    expect(d.decision).toBe('Allow')
    expect(d.reason).toBe("No statement applies to s3:PutObject; the bucket owner's own permissions allow it.")
    expect(d.statements.map((s) => s.applies)).toEqual([false, false])
  })
  it('aws:kms is denied by DenyIncorrectEncryptionHeader', () => {
    const d = decide(p, { [SSE]: 'aws:kms' })
    expect([d.decision, d.reason]).toEqual([
      'Deny',
      `Explicit deny: statement "DenyIncorrectEncryptionHeader" applies to s3:PutObject on arn:aws:s3:::${B}/k.`,
    ])
    expect(d.statements[0]!.checks.at(-1)).toBe(
      `✓ StringNotEquals ${SSE} ["AES256"]: the request has "aws:kms" → matches`,
    )
  })
  it('no header at all is denied, by both (StringNotEquals matches a missing key; Null true matches)', () => {
    const d = decide(p)
    expect(d.decision).toBe('Deny')
    expect(d.statements.map((s) => s.applies)).toEqual([true, true])
    expect(d.statements[1]!.checks.at(-1)).toBe(`✓ Null ${SSE} ["true"]: the key is absent → matches`)
  })
  it('a malformed value (AES192) is denied by the policy', () => {
    expect(decide(p, { [SSE]: 'AES192' }).decision).toBe('Deny')
  })
  it('a GetObject is not affected (Action does not name it)', () => {
    const d = decide(p, {}, 's3:GetObject')
    expect(d.decision).toBe('Allow')
    expect(d.statements[0]!.checks[1]).toBe('✗ Action ["s3:PutObject"] does not name s3:GetObject')
  })
})

describe("AWS's example: require a specific KMS key", () => {
  const p = policy(
    { Sid: 'RequireKmsKey', ...deny({ ArnNotEqualsIfExists: { [KMS_KEY]: KEY_ARN } }) },
    { Sid: 'RequireKms', ...deny({ StringNotEquals: { [SSE]: 'aws:kms' } }) },
  )
  it('aws:kms with that key ARN is allowed', () => {
    expect(decide(p, { [SSE]: 'aws:kms', [KMS_KEY]: KEY_ARN }).decision).toBe('Allow')
  })
  it('aws:kms with another key is denied by RequireKmsKey', () => {
    const d = decide(p, { [SSE]: 'aws:kms', [KMS_KEY]: KEY_ARN.replace('1234abcd', '9999abcd') })
    expect([d.decision, d.statements[0]!.applies, d.statements[1]!.applies]).toEqual(['Deny', true, false])
  })
  it('AES256 (no key id at all) is denied by both: IfExists treats the missing key as a match', () => {
    const d = decide(p, { [SSE]: 'AES256' })
    expect([d.decision, d.statements[0]!.applies, d.statements[1]!.applies]).toEqual(['Deny', true, true])
    expect(d.statements[0]!.checks.at(-1)).toMatch(/the key is absent from the request → matches$/)
  })
})

describe('edge cases', () => {
  const cases: [string, ReturnType<typeof policy>, Record<string, string>, 'Allow' | 'Deny', string?, string?][] = [
    [
      'Null false denies SSE-C uploads (forbid SSE-C)',
      policy(deny({ Null: { [SSEC]: 'false' } })),
      { [SSEC]: 'AES256' },
      'Deny',
    ],
    [
      'Null false lets non-SSE-C uploads through',
      policy(deny({ Null: { [SSEC]: 'false' } })),
      { [SSE]: 'AES256' },
      'Allow',
    ],
    [
      'Null true on the KMS key requires SSE-KMS',
      policy(deny({ Null: { [KMS_KEY]: 'true' } })),
      { [SSE]: 'AES256' },
      'Deny',
    ],
    [
      'Bool aws:SecureTransport false denies http',
      policy(deny({ Bool: { 'aws:SecureTransport': 'false' } }, { Action: 's3:*' })),
      { 'aws:SecureTransport': 'false' },
      'Deny',
    ],
    [
      'Bool aws:SecureTransport false allows https',
      policy(deny({ Bool: { 'aws:SecureTransport': 'false' } }, { Action: 's3:*' })),
      {},
      'Allow',
    ],
    [
      'Bool accepts a JSON boolean value',
      policy(deny({ Bool: { 'aws:SecureTransport': false } })),
      { 'aws:SecureTransport': 'false' },
      'Deny',
    ],
    [
      'condition keys are case-insensitive',
      policy(deny({ StringEquals: { 'S3:X-Amz-Server-Side-Encryption': 'aws:kms' } })),
      { [SSE]: 'aws:kms' },
      'Deny',
    ],
    [
      'condition values are case-sensitive',
      policy(deny({ StringEquals: { [SSE]: 'AWS:KMS' } })),
      { [SSE]: 'aws:kms' },
      'Allow',
    ],
    [
      'StringEqualsIgnoreCase ignores case',
      policy(deny({ StringEqualsIgnoreCase: { [SSE]: 'AWS:KMS' } })),
      { [SSE]: 'aws:kms' },
      'Deny',
    ],
    [
      'several values are ORed',
      policy(deny({ StringEquals: { [SSE]: ['AES256', 'aws:kms'] } })),
      { [SSE]: 'aws:kms' },
      'Deny',
    ],
    [
      'a negated operator with several values matches only when none does',
      policy(deny({ StringNotEquals: { [SSE]: ['AES256', 'aws:kms'] } })),
      { [SSE]: 'aws:kms' },
      'Allow',
    ],
    [
      'several operators are ANDed (one fails → no match)',
      policy(deny({ StringEquals: { [SSE]: 'aws:kms' }, Null: { [KMS_KEY]: 'true' } })),
      { [SSE]: 'aws:kms', [KMS_KEY]: KEY_ARN },
      'Allow',
    ],
    [
      'StringLike with a wildcard',
      policy(deny({ StringLike: { [SSE]: 'aws:kms*' } })),
      { [SSE]: 'aws:kms:dsse' },
      'Deny',
    ],
    ['StringNotLike with ?', policy(deny({ StringNotLike: { [SSE]: 'AES25?' } })), { [SSE]: 'AES256' }, 'Allow'],
    ['StringEquals on a missing key does not match', policy(deny({ StringEquals: { [SSE]: 'AES256' } })), {}, 'Allow'],
    [
      'StringEqualsIfExists on a missing key matches',
      policy(deny({ StringEqualsIfExists: { [SSE]: 'AES256' } })),
      {},
      'Deny',
    ],
    [
      'ArnLike with a wildcard key ARN',
      policy(deny({ ArnLike: { [KMS_KEY]: 'arn:aws:kms:us-east-1:111122223333:key/*' } })),
      { [KMS_KEY]: KEY_ARN },
      'Deny',
    ],
    [
      'ArnNotEquals (without IfExists) matches a missing key',
      policy(deny({ ArnNotEquals: { [KMS_KEY]: KEY_ARN } })),
      {},
      'Deny',
    ],
    ['action wildcards: s3:Put* names s3:PutObject', policy(deny(undefined, { Action: 's3:Put*' })), {}, 'Deny'],
    ['actions are case-insensitive', policy(deny(undefined, { Action: 'S3:putobject' })), {}, 'Deny'],
    [
      'NotAction: everything but GetObject',
      policy(deny(undefined, { Action: undefined, NotAction: 's3:GetObject' })),
      {},
      'Deny',
    ],
    [
      'a resource that names another prefix does not apply',
      policy(deny(undefined, { Resource: `arn:aws:s3:::${B}/logs/*` })),
      {},
      'Allow',
    ],
    [
      'NotResource excludes the named objects',
      policy(deny(undefined, { Resource: undefined, NotResource: `arn:aws:s3:::${B}/k` })),
      {},
      'Allow',
    ],
    [
      'Principal {"AWS": account id} covers the account’s user',
      policy(deny(undefined, { Principal: { AWS: ACCOUNT } })),
      {},
      'Deny',
    ],
    [
      'Principal naming another account does not apply',
      policy(deny(undefined, { Principal: { AWS: 'arn:aws:iam::444455556666:root' } })),
      {},
      'Allow',
    ],
    [
      'an Allow statement alone allows, and says so',
      policy({ Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${B}/*` }),
      {},
      'Allow',
      'Allowed: statement "AllowAll" allows s3:PutObject, and no Deny statement applies.',
    ],
    [
      'Deny beats Allow',
      policy({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }, deny()),
      {},
      'Deny',
      `Explicit deny: statement #2 applies to s3:PutObject on arn:aws:s3:::${B}/k.`,
    ],
    [
      'ForAnyValue:StringEquals over one value',
      policy(deny({ 'ForAnyValue:StringEquals': { [SSE]: 'aws:kms' } })),
      { [SSE]: 'aws:kms' },
      'Deny',
    ],
  ]
  for (const [name, p, context, expected, reason] of cases) {
    it(`${name} → ${expected}`, () => {
      const d = decide(p, context)
      expect(d.decision).toBe(expected)
      if (reason) expect(d.reason).toBe(reason)
      expect(d.statements[0]!.checks.length).toBeGreaterThanOrEqual(3)
    })
  }
})

describe('PutBucketPolicy validation (400 MalformedPolicy)', () => {
  const bad = (text: string): S3Error => {
    try {
      parseBucketPolicy(text, B)
    } catch (e) {
      if (e instanceof S3Error) return e
    }
    throw new Error('accepted')
  }
  const doc = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] })
  it.each([
    ['not JSON', 'not json', "Policies must be valid JSON and the first byte must be '{'"],
    ['a JSON array', '[]', "Policies must be valid JSON and the first byte must be '{'"],
    [
      'no Principal',
      doc({ Effect: 'Deny', Action: 's3:*', Resource: `arn:aws:s3:::${B}/*` }),
      'Missing required field Principal',
    ],
    [
      'a bad action',
      doc({ Effect: 'Deny', Principal: '*', Action: 'ec2:RunInstances', Resource: `arn:aws:s3:::${B}/*` }),
      'Policy has invalid action',
    ],
    [
      'another bucket as resource',
      doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::other/*' }),
      'Policy has invalid resource',
    ],
    [
      'a bad principal',
      doc({ Effect: 'Deny', Principal: { AWS: 'bob' }, Action: 's3:*', Resource: `arn:aws:s3:::${B}/*` }),
      'Invalid principal in policy',
    ],
    [
      'an unknown operator',
      doc({ ...deny(), Condition: { StringEqualz: { [SSE]: 'x' } } }),
      'Invalid Condition type : StringEqualz',
    ],
  ])('%s', (_name, text, message) => {
    const e = bad(text)
    expect([e.status, e.code, e.message]).toEqual([400, 'MalformedPolicy', message])
  })
})

/**
 * JSON schemas for the two resource policies the playground evaluates: a bucket policy (S3) and a key
 * policy (KMS). Both share IAM's grammar; what differs is the actions, the resources and the condition keys,
 * and those listed here are the ones the emulator evaluates (lib/policy/evaluate.ts, for both).
 */
import type { JsonSchema } from './json-schema'
import type { SchemaContext } from './bucket-encryption-schema'

type Service = 's3' | 'kms'

const stringOrList = (item: JsonSchema, description: string): JsonSchema => ({
  markdownDescription: description,
  anyOf: [item, { type: 'array', minItems: 1, items: item }],
})

export interface ConditionKey {
  name: string
  description: string
  examples?: string[]
}

/** The condition keys S3 puts in a request's context (lib/s3/policy/authorize.ts). */
export const S3_CONDITION_KEYS = (ctx: SchemaContext): ConditionKey[] => [
  {
    name: 's3:x-amz-server-side-encryption',
    description:
      'The `x-amz-server-side-encryption` header of the upload: `AES256`, `aws:kms` or `aws:kms:dsse`. **Absent** when the upload sends no header and relies on the bucket default: pair `StringNotEquals` with `Null` (or use `…IfExists`) to decide what a header-less upload means.',
    examples: ['aws:kms', 'AES256', 'aws:kms:dsse'],
  },
  {
    name: 's3:x-amz-server-side-encryption-aws-kms-key-id',
    description:
      'The KMS key an SSE-KMS upload asks for, **as a key ARN** (S3 resolves an alias or key ID first). With `aws:kms` and no key header it is the ARN of `aws/s3`. Compare with the full ARN: `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`.',
    examples: [...(ctx.keys ?? []).map((k) => k.arn), `arn:aws:kms:${ctx.region}:${ctx.account}:key/*`],
  },
  {
    name: 's3:x-amz-server-side-encryption-customer-algorithm',
    description:
      'Present (always `AES256`) when the request uses **SSE-C**, a key sent by the client. `"Null": {"…": "false"}` matches SSE-C requests.',
    examples: ['AES256'],
  },
  {
    name: 'aws:SecureTransport',
    description:
      '`true` when the request came over HTTPS, `false` over plain HTTP. Deny `false` to refuse unencrypted connections (encryption **in transit**).',
    examples: ['false', 'true'],
  },
  {
    name: 'aws:PrincipalArn',
    description: 'The ARN of the caller. In the playground: the user `arn:aws:iam::ACCOUNT:user/playground`.',
    examples: [`arn:aws:iam::${ctx.account}:user/playground`],
  },
  { name: 'aws:PrincipalAccount', description: 'The account of the caller.', examples: [ctx.account] },
  {
    name: 'aws:PrincipalType',
    description: 'What kind of principal calls: `User`, `AssumedRole`, `Account`…',
    examples: ['User'],
  },
]

/** The condition keys KMS evaluates in a key policy (lib/kms/policy-evaluation.ts). */
export const KMS_CONDITION_KEYS = (ctx: SchemaContext): ConditionKey[] => [
  {
    name: 'kms:ViaService',
    description:
      'Set when an AWS service called KMS **for** the caller, e.g. S3 asking for a data key during an SSE-KMS upload: `s3.REGION.amazonaws.com`. Absent when the caller calls KMS directly. Lets a key be used *only through S3*.',
    examples: [`s3.${ctx.region}.amazonaws.com`],
  },
  {
    name: 'kms:CallerAccount',
    description: 'The account of the caller, whoever it is (user, role, or a service acting for it).',
    examples: [ctx.account],
  },
  {
    name: 'aws:PrincipalArn',
    description: 'The ARN of the caller. In the playground: the user `arn:aws:iam::ACCOUNT:user/playground`.',
    examples: [`arn:aws:iam::${ctx.account}:user/playground`],
  },
  { name: 'aws:PrincipalAccount', description: 'The account of the caller.', examples: [ctx.account] },
  { name: 'aws:username', description: 'The IAM user name of the caller (`playground`).', examples: ['playground'] },
]

const ENCRYPTION_CONTEXT_KEY: ConditionKey = {
  name: 'kms:EncryptionContext:…',
  description:
    "One pair of the request's **encryption context**: `kms:EncryptionContext:aws:s3:arn` is what S3 sends, the object ARN (or the bucket ARN with a Bucket Key). The value must match for Decrypt to be allowed, so a data key wrapped for one object cannot be unwrapped for another.",
}

const OPERATORS: [string, string][] = [
  ['StringEquals', 'The key has one of these values (exact, case-sensitive).'],
  [
    'StringNotEquals',
    'The key has none of these values. **Also true when the key is absent**: add `IfExists` or a `Null` check to say what an absent key means.',
  ],
  ['StringLike', 'Matches one of these patterns: `*` any run of characters, `?` one character.'],
  ['StringNotLike', 'Matches none of these patterns (also true when the key is absent).'],
  ['StringEqualsIgnoreCase', 'Like StringEquals, ignoring case.'],
  ['StringNotEqualsIgnoreCase', 'Like StringNotEquals, ignoring case.'],
  ['StringEqualsIfExists', 'StringEquals, but true when the key is absent.'],
  ['StringNotEqualsIfExists', 'StringNotEquals, only checked when the key is present: an absent key does not match.'],
  ['StringLikeIfExists', 'StringLike, true when the key is absent.'],
  ['StringNotLikeIfExists', 'StringNotLike, only checked when the key is present.'],
  ['Null', '`"true"`: the key is absent from the request; `"false"`: it is present.'],
  ['Bool', 'A `true` / `false` key, such as `aws:SecureTransport`.'],
  ['ArnEquals', 'The key is one of these ARNs.'],
  ['ArnLike', 'The key matches one of these ARN patterns.'],
  ['ArnNotEquals', 'The key is none of these ARNs.'],
  ['ArnNotLike', 'The key matches none of these ARN patterns.'],
]
/** What the one evaluator understands (S3 refuses others with MalformedPolicy; KMS never applies a statement with another). */
const SUPPORTED: Record<Service, RegExp> = {
  s3: /^(String|Arn|Null$|Bool$)/,
  kms: /^(String|Arn|Null$|Bool$)/,
}

const conditionValue: JsonSchema = stringOrList({ type: 'string' }, 'One value, or a list (any of them may match).')

function conditionBlock(keys: ConditionKey[], service: Service): JsonSchema {
  return {
    type: 'object',
    minProperties: 1,
    markdownDescription: 'Condition key → value(s).',
    properties: Object.fromEntries(
      keys.map((k) => [
        k.name,
        { ...stringOrList({ type: 'string', ...(k.examples?.length ? { examples: k.examples } : {}) }, k.description) },
      ]),
    ),
    ...(service === 'kms'
      ? {
          patternProperties: {
            '^kms:EncryptionContext:.+$': {
              ...conditionValue,
              markdownDescription: ENCRYPTION_CONTEXT_KEY.description,
            },
          },
        }
      : {}),
    additionalProperties: conditionValue,
    propertyNames: {
      pattern: '^[A-Za-z0-9-]+:[A-Za-z0-9-_./:]+$',
      patternErrorMessage: 'A condition key looks like service:name, e.g. s3:x-amz-server-side-encryption.',
    },
  }
}

function conditionSchema(ctx: SchemaContext, service: Service): JsonSchema {
  const keys = service === 's3' ? S3_CONDITION_KEYS(ctx) : KMS_CONDITION_KEYS(ctx)
  const block = conditionBlock(keys, service)
  const known = OPERATORS.filter(([op]) => SUPPORTED[service].test(op))
  return {
    type: 'object',
    markdownDescription:
      'When the statement applies: every operator block must hold, and within a block every key. Keys the emulator evaluates are offered on completion; ' +
      (service === 's3'
        ? 'S3 refuses an unknown operator with `MalformedPolicy`.'
        : "the emulator's KMS understands the String operators and `Null`: a statement with another never applies."),
    properties: Object.fromEntries(
      known.map(([op, description]) => [op, { ...block, markdownDescription: description }]),
    ),
    additionalProperties: block,
    propertyNames: {
      pattern: `^(For(AnyValue|AllValues):)?(${OPERATORS.map(([op]) => op.replace(/IfExists$/, ''))
        .filter((op, i, all) => all.indexOf(op) === i)
        .join('|')})(IfExists)?$`,
      patternErrorMessage:
        'Not a condition operator: StringEquals, StringNotEquals, StringLike, Null, Bool, ArnLike… (optionally …IfExists).',
    },
  }
}

const S3_ACTIONS: [string, string][] = [
  ['s3:*', 'Every S3 action.'],
  [
    's3:PutObject',
    'Upload an object (PutObject, CopyObject, and every step of a multipart upload). Where encryption rules usually go.',
  ],
  ['s3:GetObject', 'Download an object or read its metadata (GetObject, HeadObject).'],
  ['s3:DeleteObject', 'Delete an object.'],
  ['s3:ListBucket', 'List the objects of the bucket (and HeadBucket). Its resource is the bucket ARN, not `bucket/*`.'],
  ['s3:GetEncryptionConfiguration', 'Read the default encryption (GetBucketEncryption).'],
  ['s3:PutEncryptionConfiguration', 'Change or delete the default encryption.'],
  ['s3:GetBucketPolicy', 'Read this policy.'],
  ['s3:PutBucketPolicy', 'Replace this policy.'],
  ['s3:DeleteBucketPolicy', 'Delete this policy.'],
  ['s3:GetObjectAttributes', 'GetObjectAttributes.'],
  ['s3:AbortMultipartUpload', 'Abort a multipart upload.'],
]

const KMS_ACTIONS: [string, string][] = [
  ['kms:*', 'Every KMS action: full control of the key.'],
  ['kms:Encrypt', 'Encrypt up to 4 KiB directly under the key.'],
  ['kms:Decrypt', "Decrypt: what S3 calls to unwrap an SSE-KMS object's data key when you download it."],
  [
    'kms:GenerateDataKey',
    'A new data key, plaintext and wrapped: what S3 calls for each SSE-KMS upload (or each Bucket Key).',
  ],
  ['kms:GenerateDataKey*', 'GenerateDataKey and its variants (WithoutPlaintext, Pair…).'],
  ['kms:ReEncrypt*', 'Re-encrypt a ciphertext under another key without exposing the plaintext.'],
  ['kms:DescribeKey', "Read the key's metadata."],
  ['kms:GetKeyPolicy', 'Read this policy.'],
  [
    'kms:PutKeyPolicy',
    'Replace this policy. KMS refuses a policy that would take this right away from you (the lockout check).',
  ],
  ['kms:EnableKeyRotation', 'Turn on automatic rotation.'],
  ['kms:DisableKey', 'Disable the key: nothing it protects can be read until it is enabled again.'],
  ['kms:ScheduleKeyDeletion', 'Schedule the key for deletion (7–30 days).'],
  ['kms:Describe*', 'Every Describe action.'],
  ['kms:Get*', 'Every Get action.'],
  ['kms:List*', 'Every List action.'],
]

function statementSchema(ctx: SchemaContext, service: Service, bucket?: string): JsonSchema {
  const actions = service === 's3' ? S3_ACTIONS : KMS_ACTIONS
  const action: JsonSchema = {
    type: 'string',
    enum: ['*', ...actions.map(([a]) => a)],
    markdownEnumDescriptions: ['Every action.', ...actions.map(([, d]) => d)],
  }
  const actionPattern: JsonSchema = {
    type: 'string',
    pattern: service === 's3' ? '^(\\*|s3:[A-Za-z*?]+)$' : '^(\\*|kms:[A-Za-z*?]+)$',
    patternErrorMessage: `An action looks like ${service}:Name (wildcards * and ? allowed).`,
  }
  const actionSchema = stringOrList(
    { anyOf: [action, actionPattern] },
    `What the statement allows or denies, e.g. \`${actions[1]![0]}\`.`,
  )
  const resource: JsonSchema =
    service === 's3'
      ? {
          type: 'string',
          examples: [`arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${bucket}`],
          pattern: `^(\\*|arn:aws:s3:::${bucket!.replace(/[.]/g, '\\.')}(/.*)?)$`,
          patternErrorMessage: `A bucket policy can only name this bucket (arn:aws:s3:::${bucket}) and its objects (arn:aws:s3:::${bucket}/*).`,
        }
      : { type: 'string', enum: ['*'], markdownEnumDescriptions: ['In a key policy, `*` means this key.'] }
  const principalArn: JsonSchema = {
    type: 'string',
    examples: ['*', `arn:aws:iam::${ctx.account}:root`, `arn:aws:iam::${ctx.account}:user/playground`, ctx.account],
    markdownDescription:
      "`*` (anyone), an account ID, the account root `arn:aws:iam::ACCOUNT:root` (everyone the account's IAM policies allow), or a user or role ARN.",
  }
  const principal: JsonSchema = {
    markdownDescription:
      'Who the statement is about: `"*"` for anyone, or `{"AWS": ARN or list}`; `{"Service": "…amazonaws.com"}` for an AWS service.',
    anyOf: [
      {
        type: 'string',
        enum: ['*'],
        markdownEnumDescriptions: [
          'Anyone, including anonymous callers. Usually paired with a Deny, or with conditions.',
        ],
      },
      {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          AWS: stringOrList(principalArn, 'AWS principals: `*`, account IDs, or IAM ARNs.'),
          Service: stringOrList(
            { type: 'string', examples: ['s3.amazonaws.com', 'cloudtrail.amazonaws.com'] },
            'AWS service principals, e.g. `cloudtrail.amazonaws.com`.',
          ),
        },
      },
    ],
  }
  return {
    type: 'object',
    additionalProperties: false,
    required: service === 's3' ? ['Effect', 'Principal', 'Resource'] : ['Effect', 'Principal'],
    markdownDescription:
      'One rule. An explicit `Deny` in any statement wins over every `Allow`; with no matching `Allow`, the request is implicitly denied.',
    properties: {
      Sid: {
        type: 'string',
        markdownDescription: 'An optional label for the statement; the Policy panel and the inspector show it.',
      },
      Effect: {
        type: 'string',
        enum: ['Allow', 'Deny'],
        markdownDescription: 'Whether a matching request is allowed or denied.',
        markdownEnumDescriptions: [
          'Allow matching requests (unless another statement denies them).',
          'Deny matching requests, whatever any other statement allows.',
        ],
      },
      Principal: principal,
      NotPrincipal: {
        ...principal,
        markdownDescription:
          'Everyone **except** these principals. Rarely what you want; prefer Principal with a condition.',
      },
      Action: actionSchema,
      NotAction: { ...actionSchema, markdownDescription: 'Every action **except** these.' },
      Resource: stringOrList(
        resource,
        service === 's3'
          ? `The bucket (\`arn:aws:s3:::${bucket}\`) or its objects (\`arn:aws:s3:::${bucket}/*\`).`
          : 'Always `"*"` in a key policy: it means this key.',
      ),
      ...(service === 's3' ? { NotResource: stringOrList(resource, 'Every resource **except** these.') } : {}),
      Condition: conditionSchema(ctx, service),
    },
  }
}

function policySchema(
  ctx: SchemaContext,
  service: Service,
  title: string,
  description: string,
  snippets: { label: string; description: string; body: unknown }[],
  bucket?: string,
): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    type: 'object',
    markdownDescription: description,
    required: ['Statement'],
    additionalProperties: false,
    properties: {
      Version: {
        type: 'string',
        enum: ['2012-10-17', '2008-10-17'],
        markdownDescription:
          'The policy language version. Always write `2012-10-17`: the older one lacks policy variables.',
        markdownEnumDescriptions: ['The current policy language.', 'The original language; avoid it.'],
      },
      Id: { type: 'string', markdownDescription: 'An optional name for the policy.' },
      Statement: stringOrListObject(statementSchema(ctx, service, bucket)),
    },
    defaultSnippets: snippets,
  }
}

const stringOrListObject = (statement: JsonSchema): JsonSchema => ({
  markdownDescription: 'The statements: one object or a list.',
  anyOf: [{ type: 'array', minItems: 1, items: statement }, statement],
})

export function bucketPolicySchema(ctx: SchemaContext, bucket: string): JsonSchema {
  const objects = `arn:aws:s3:::${bucket}/*`
  const keyArn = ctx.keys?.[0]?.arn
  const snippets = [
    {
      label: 'Require SSE-KMS on every upload',
      description: 'deny PutObject unless it asks for aws:kms',
      body: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyNotKms',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: objects,
            Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
          },
        ],
      },
    },
    {
      label: 'Require HTTPS',
      description: 'deny every request over plain HTTP',
      body: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${bucket}`, objects],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
    {
      label: 'Refuse SSE-C uploads',
      description: 'deny PutObject with a customer-provided key',
      body: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenySseC',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: objects,
            Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
          },
        ],
      },
    },
    {
      label: 'Only this KMS key',
      description: 'deny SSE-KMS uploads under any other key',
      body: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyOtherKeys',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: objects,
            Condition: {
              StringNotEqualsIfExists: {
                's3:x-amz-server-side-encryption-aws-kms-key-id':
                  keyArn ?? `arn:aws:kms:${ctx.region}:${ctx.account}:key/REPLACE-WITH-KEY-ID`,
              },
            },
          },
        ],
      },
    },
  ]
  return policySchema(
    ctx,
    's3',
    `Bucket policy of ${bucket}`,
    'A **bucket policy**: who may do what to this bucket and its objects. Encryption rules usually `Deny` uploads that do not ask for the encryption you want.',
    snippets,
    bucket,
  )
}

/** The statement every key policy should keep: without it (or another that allows kms:PutKeyPolicy) KMS refuses the policy. */
export const adminStatement = (account: string) => ({
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: 'kms:*',
  Resource: '*',
})

export function keyPolicySchema(ctx: SchemaContext): JsonSchema {
  const admin = adminStatement(ctx.account)
  const snippets = [
    {
      label: 'Default key policy',
      description: 'the account decides, through IAM',
      body: { Version: '2012-10-17', Id: 'key-default-1', Statement: [admin] },
    },
    {
      label: 'Use only through S3',
      description: 'deny direct Encrypt/Decrypt; S3 may still use the key',
      body: {
        Version: '2012-10-17',
        Statement: [
          admin,
          {
            Sid: 'DenyUseOutsideS3',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
            Resource: '*',
            Condition: { StringNotEquals: { 'kms:ViaService': `s3.${ctx.region}.amazonaws.com` } },
          },
        ],
      },
    },
    {
      label: 'Decrypt only for one bucket',
      description: 'encryption context must name the bucket',
      body: {
        Version: '2012-10-17',
        Statement: [
          admin,
          {
            Sid: 'DenyDecryptOtherBuckets',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { StringNotLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::my-bucket*' } },
          },
        ],
      },
    },
  ]
  return policySchema(
    ctx,
    'kms',
    'Key policy',
    'A **key policy**: the primary control over a KMS key. Nobody, not even the account root, can use the key unless this policy (or IAM, if the policy lets IAM decide) allows it. KMS refuses a policy that would lock you out of changing it again.',
    snippets,
  )
}

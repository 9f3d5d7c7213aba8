/**
 * JSON schema for a bucket's default encryption, in the shape PutBucketEncryption's
 * `ServerSideEncryptionConfiguration` takes in the SDK and in `aws s3api put-bucket-encryption`.
 * Descriptions are written for learners; they show on hover and beside completions.
 */
import type { JsonSchema } from './json-schema'

export interface KnownKey {
  keyId: string
  arn: string
  aliases: string[]
}

export interface SchemaContext {
  account: string
  region: string
  /** The account's customer managed keys, offered as KMSMasterKeyID values. */
  keys?: KnownKey[]
}

const KEY_ID_FORMS = `Four forms name a KMS key:

- key ID: \`1234abcd-12ab-34cd-56ef-1234567890ab\`
- key ARN: \`arn:aws:kms:us-east-1:111122223333:key/1234abcd-…\`
- alias name: \`alias/my-key\`
- alias ARN: \`arn:aws:kms:us-east-1:111122223333:alias/my-key\`

S3 stores what you write and only resolves it at the first upload, so a typo shows up then, not now. AWS
recommends the key ARN: an alias or bare key ID is resolved in the *uploader's* account, which for a
cross-account upload is not the bucket owner's.`

/** Values offered for KMSMasterKeyID: the account's keys in every form, then the AWS managed key. */
export function keyIdExamples(ctx: SchemaContext): string[] {
  const own = (ctx.keys ?? []).flatMap((k) => [
    k.arn,
    k.keyId,
    ...k.aliases,
    ...k.aliases.map((a) => `arn:aws:kms:${ctx.region}:${ctx.account}:${a}`),
  ])
  return [...own, 'alias/aws/s3']
}

export function bucketEncryptionSchema(ctx: SchemaContext): JsonSchema {
  const firstKey = ctx.keys?.[0]?.arn
  const kmsDefault = {
    SSEAlgorithm: 'aws:kms',
    ...(firstKey ? { KMSMasterKeyID: firstKey } : {}),
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ServerSideEncryptionConfiguration',
    type: 'object',
    markdownDescription:
      "A bucket's **default encryption**: what S3 applies to every new object whose upload asks for no encryption. Existing objects keep the encryption they were written with. Since January 2023 every bucket has one: SSE-S3 (`AES256`) unless you choose otherwise.",
    required: ['Rules'],
    additionalProperties: false,
    properties: {
      Rules: {
        type: 'array',
        minItems: 1,
        maxItems: 1,
        markdownDescription:
          'Exactly one rule. (The API takes a list, but S3 refuses more than one rule with `MalformedXML`.)',
        items: {
          type: 'object',
          additionalProperties: false,
          markdownDescription: 'The default encryption rule.',
          properties: {
            ApplyServerSideEncryptionByDefault: {
              type: 'object',
              additionalProperties: false,
              required: ['SSEAlgorithm'],
              markdownDescription: 'Which server-side encryption new objects get when their upload names none.',
              properties: {
                SSEAlgorithm: {
                  type: 'string',
                  enum: ['AES256', 'aws:kms', 'aws:kms:dsse'],
                  markdownDescription:
                    'The default server-side encryption. The same values as the `x-amz-server-side-encryption` header.',
                  markdownEnumDescriptions: [
                    '**SSE-S3**: S3 encrypts each object under a data key it protects with its own root key. Free, nothing to manage, and no KMS audit trail.',
                    '**SSE-KMS**: each object gets a data key from AWS KMS (`GenerateDataKey`), under the key in `KMSMasterKeyID` (or the AWS managed key `aws/s3` if you leave it out). Every use shows in CloudTrail and key policies decide who can decrypt. KMS requests cost money: see `BucketKeyEnabled`.',
                    '**DSSE-KMS**: two independent layers of AES-256-GCM, each with its own KMS data key, for rules that demand dual-layer encryption. Costs more KMS requests and does not support Bucket Keys.',
                  ],
                },
                KMSMasterKeyID: {
                  type: 'string',
                  markdownDescription: `The KMS key for \`aws:kms\` or \`aws:kms:dsse\`. Leave it out to use the AWS managed key \`aws/s3\`. Not allowed with \`AES256\`.\n\n${KEY_ID_FORMS}`,
                  examples: keyIdExamples(ctx),
                },
              },
            },
            BucketKeyEnabled: {
              type: 'boolean',
              markdownDescription:
                "**S3 Bucket Key** for SSE-KMS: S3 asks KMS for a bucket-level key once in a while and derives each object's data key from it, instead of calling KMS for every object. Up to 99 % fewer KMS requests (and cost), and fewer CloudTrail events, whose encryption context then names the bucket rather than the object. Has no effect with `AES256`; DSSE-KMS ignores it.",
            },
            BlockedEncryptionTypes: {
              type: 'object',
              additionalProperties: false,
              markdownDescription:
                'Encryption types this bucket refuses on upload. Since April 2026 new buckets block **SSE-C** (keys sent by the client) by default; leave this element out to keep the current setting.',
              properties: {
                EncryptionType: {
                  type: 'array',
                  items: {
                    type: 'string',
                    enum: ['SSE-C', 'NONE'],
                    markdownEnumDescriptions: [
                      'Refuse uploads with a customer-provided key (`x-amz-server-side-encryption-customer-*` headers).',
                      'Block nothing: SSE-C uploads are allowed again.',
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
    defaultSnippets: [
      {
        label: 'SSE-S3 (AES256)',
        description: 'S3-managed keys',
        body: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      },
      {
        label: 'SSE-KMS with a Bucket Key',
        description: firstKey ? 'your first KMS key, fewer KMS calls' : 'the AWS managed key aws/s3, fewer KMS calls',
        body: { Rules: [{ ApplyServerSideEncryptionByDefault: kmsDefault, BucketKeyEnabled: true }] },
      },
      {
        label: 'SSE-KMS with aws/s3',
        description: 'the AWS managed key',
        body: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: false }] },
      },
      {
        label: 'DSSE-KMS',
        description: 'two layers',
        body: { Rules: [{ ApplyServerSideEncryptionByDefault: { ...kmsDefault, SSEAlgorithm: 'aws:kms:dsse' } }] },
      },
      {
        label: 'SSE-S3, SSE-C blocked',
        description: 'refuse customer-provided keys',
        body: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
              BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
            },
          ],
        },
      },
    ],
  }
}

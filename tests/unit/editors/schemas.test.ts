/**
 * The editors' schemas against the emulator: every document a schema offers (its snippets) validates
 * against the schema and is accepted by the emulator through the real SDK over HTTP, reads back the same,
 * and documents the schema flags are refused by the emulator too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Ajv from 'ajv'
import { CreateBucketCommand, PutObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3'
import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms'
import { createClients, emulatorTarget, type Clients } from '@/lib/sdk/clients'
import { bucketEncryptionSchema, keyIdExamples, type SchemaContext } from '@/lib/editors/bucket-encryption-schema'
import { bucketPolicySchema, keyPolicySchema } from '@/lib/editors/policy-schema'
import { rootExamples, nestedExamples, type JsonSchema } from '@/lib/editors/json-schema'
import { applyDocument, loadDocument, serviceError } from '@/lib/editors/config-documents'
import { schemaContextOf } from '@/lib/editors/schema-context'
import { startEmulator, type RunningEmulator } from '../../helpers/server'

const BUCKET = 'editor-schemas'
let server: RunningEmulator
let clients: Clients
let ctx: SchemaContext
let keyId: string

// Monaco's extensions (markdownDescription, defaultSnippets…) are not JSON Schema keywords: strict mode off.
const ajv = new Ajv({ strict: false, allErrors: true })
const compiled = new Map<string, ReturnType<typeof ajv.compile>>()
const valid = (schema: JsonSchema, doc: unknown) => {
  const key = JSON.stringify(schema)
  const validate = compiled.get(key) ?? ajv.compile(schema)
  compiled.set(key, validate)
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => serviceError(e).name,
  )

beforeAll(async () => {
  server = await startEmulator()
  clients = createClients(emulatorTarget(server.endpoint))
  await clients.s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  keyId = (await clients.kms.send(new CreateKeyCommand({ Description: 'editor test' }))).KeyMetadata!.KeyId!
  await clients.kms.send(new CreateAliasCommand({ AliasName: 'alias/editor-test', TargetKeyId: keyId }))
  ctx = schemaContextOf(server.emulator)
})
afterAll(async () => {
  clients.s3.destroy()
  clients.kms.destroy()
  await server.close()
})

describe('schema context', () => {
  it('lists the customer managed keys with their aliases, and offers every form of their ids', () => {
    expect(ctx.account).toBe('111122223333')
    expect(ctx.keys).toEqual([
      { keyId, arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`, aliases: ['alias/editor-test'] },
    ])
    expect(keyIdExamples(ctx)).toEqual([
      ctx.keys![0]!.arn,
      keyId,
      'alias/editor-test',
      'arn:aws:kms:us-east-1:111122223333:alias/editor-test',
      'alias/aws/s3',
    ])
  })
})

describe('bucket encryption schema', () => {
  const schema = () => bucketEncryptionSchema(ctx)

  it('offers snippets that validate, that PutBucketEncryption accepts and GetBucketEncryption returns', async () => {
    const offered = rootExamples(schema())
    expect(offered.length).toBeGreaterThanOrEqual(4)
    for (const { label, document } of offered) {
      expect(valid(schema(), document), label).toEqual([])
      await applyDocument(clients, 'bucket-encryption', BUCKET, JSON.stringify(document))
      const back = JSON.parse((await loadDocument(clients, 'bucket-encryption', BUCKET)).text)
      expect(back.Rules[0].ApplyServerSideEncryptionByDefault, label).toEqual(
        (document as { Rules: { ApplyServerSideEncryptionByDefault: unknown }[] }).Rules[0]!
          .ApplyServerSideEncryptionByDefault,
      )
    }
  })

  it('offers only KMSMasterKeyID values an SSE-KMS upload can use', async () => {
    for (const id of keyIdExamples(ctx)) {
      await applyDocument(
        clients,
        'bucket-encryption',
        BUCKET,
        JSON.stringify({
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: id } }],
        }),
      )
      await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'x' }))
      const head = await clients.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k' }))
      expect(head.ServerSideEncryption, id).toBe('aws:kms')
    }
  })

  it('flags what S3 refuses, and S3 refuses it too', async () => {
    const bad = [
      { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES128' } }] },
      {
        Rules: [
          { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
            BlockedEncryptionTypes: { EncryptionType: ['SSE-KMS'] },
          },
        ],
      },
    ]
    for (const doc of bad) {
      expect(valid(schema(), doc), JSON.stringify(doc)).not.toEqual([])
      expect(await refusal(applyDocument(clients, 'bucket-encryption', BUCKET, JSON.stringify(doc)))).toBe(
        'MalformedXML',
      )
    }
  })

  it('does not send JSON that does not parse', async () => {
    expect(await refusal(applyDocument(clients, 'bucket-encryption', BUCKET, '{"Rules": ['))).toBe('InvalidJSON')
  })
})

describe('bucket policy schema', () => {
  const schema = () => bucketPolicySchema(ctx, BUCKET)

  it('starts from an empty policy when the bucket has none', async () => {
    const loaded = await loadDocument(clients, 'bucket-policy', BUCKET)
    expect(loaded.exists).toBe(false)
  })

  it('offers snippets that validate, that PutBucketPolicy accepts and GetBucketPolicy returns', async () => {
    const offered = rootExamples(schema())
    expect(offered.length).toBeGreaterThanOrEqual(4)
    for (const { label, document } of offered) {
      expect(valid(schema(), document), label).toEqual([])
      const text = JSON.stringify(document, null, 2)
      await applyDocument(clients, 'bucket-policy', BUCKET, text)
      expect(await loadDocument(clients, 'bucket-policy', BUCKET)).toEqual({ text, exists: true })
    }
  })

  it('offers condition keys the evaluator reads, with values a policy accepts', async () => {
    const offered = nestedExamples(schema()).filter((e) => e.path.includes('Condition'))
    const keys = new Set(offered.map((e) => e.path.at(-2)))
    for (const key of [
      's3:x-amz-server-side-encryption',
      's3:x-amz-server-side-encryption-aws-kms-key-id',
      'aws:SecureTransport',
    ])
      expect(keys).toContain(key)
    // Every operator block offers the same keys: try each key's values under StringEquals (and Bool for booleans).
    const first = offered.filter(
      (e) =>
        e.path.at(-2)?.includes(':') && ['StringEquals', 'Bool'].includes(e.path[e.path.indexOf('Condition') + 1]!),
    )
    expect(first.length).toBeGreaterThan(8)
    for (const { path, value } of first) {
      const [operator, key] = [path[path.indexOf('Condition') + 1]!, path.at(-2)!]
      const doc = {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { [operator]: { [key]: value } },
        },
      }
      expect(valid(schema(), doc), JSON.stringify(doc)).toEqual([])
      await applyDocument(clients, 'bucket-policy', BUCKET, JSON.stringify(doc))
    }
  })

  it('flags what S3 refuses, and S3 refuses it with MalformedPolicy', async () => {
    const statement = { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/*` }
    const bad = [
      { Statement: [{ ...statement, Effect: 'Allo' }] },
      { Statement: [{ ...statement, Action: 'kms:Decrypt' }] },
      { Statement: [{ ...statement, Resource: 'arn:aws:s3:::another-bucket/*' }] },
      { Statement: [{ ...statement, Condition: { StringEqualz: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }] },
      { Statement: [{ ...statement, Colour: 'red' }] },
      { Version: '2012-10-17' },
    ]
    for (const doc of bad) {
      expect(valid(schema(), doc), JSON.stringify(doc)).not.toEqual([])
      expect(
        await refusal(applyDocument(clients, 'bucket-policy', BUCKET, JSON.stringify(doc))),
        JSON.stringify(doc),
      ).toBe('MalformedPolicy')
    }
  })
})

describe('key policy schema', () => {
  const schema = () => keyPolicySchema(ctx)

  it('offers snippets that validate, that PutKeyPolicy accepts (lockout check included) and GetKeyPolicy returns', async () => {
    const offered = rootExamples(schema())
    expect(offered.length).toBeGreaterThanOrEqual(3)
    for (const { label, document } of offered) {
      expect(valid(schema(), document), label).toEqual([])
      const text = JSON.stringify(document, null, 2)
      await applyDocument(clients, 'key-policy', keyId, text)
      expect((await loadDocument(clients, 'key-policy', keyId)).text, label).toBe(text)
    }
  })

  it('offers kms:ViaService and kms:EncryptionContext:… keys', () => {
    const keys = new Set(nestedExamples(schema()).map((e) => e.path.at(-2)))
    expect(keys).toContain('kms:ViaService')
    expect(JSON.stringify(schema())).toContain('^kms:EncryptionContext:.+$')
  })

  it('flags what KMS refuses, and KMS refuses it with MalformedPolicyDocumentException', async () => {
    const admin = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'kms:*',
      Resource: '*',
    }
    const bad = [
      { Statement: [{ ...admin, Effect: 'Permit' }] },
      { Statement: [{ ...admin, Principal: undefined }] },
      { Statement: [] },
    ]
    for (const doc of bad) {
      expect(valid(schema(), doc), JSON.stringify(doc)).not.toEqual([])
      expect(await refusal(applyDocument(clients, 'key-policy', keyId, JSON.stringify(doc))), JSON.stringify(doc)).toBe(
        'MalformedPolicyDocumentException',
      )
    }
  })
})

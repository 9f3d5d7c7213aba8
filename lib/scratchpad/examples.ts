/** Programs the scratchpad offers to load. Each runs as it is against the emulator (tests/unit/scratchpad). */

export interface Example {
  id: string
  title: string
  source: string
}

const PUT_SSE_KMS = `// Upload with SSE-KMS under your own KMS key, then ask S3 how it stored the object.
// \`s3\` and \`kms\` are clients already set up for the current target; \`new S3Client({})\` is too.
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms'

const Bucket = 'scratchpad-demo'
await s3.send(new CreateBucketCommand({ Bucket })).catch((e: Error) => {
  if (e.name !== 'BucketAlreadyOwnedByYou') throw e
})

// Reuse the key from an earlier run (found by its alias), or make one.
async function demoKeyArn(): Promise<string> {
  try {
    return (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/scratchpad-demo' }))).KeyMetadata.Arn
  } catch (e) {
    if ((e as Error).name !== 'NotFoundException') throw e
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'scratchpad demo' }))
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/scratchpad-demo', TargetKeyId: KeyMetadata.KeyId }))
    return KeyMetadata.Arn
  }
}
const keyArn = await demoKeyArn()

const put = await s3.send(new PutObjectCommand({
  Bucket, Key: 'hello.txt', Body: 'Hello, SSE-KMS!',
  ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn,
}))
console.log('PutObject:', { ETag: put.ETag, ServerSideEncryption: put.ServerSideEncryption, SSEKMSKeyId: put.SSEKMSKeyId })

const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'hello.txt' }))
console.log('HeadObject headers:', {
  'x-amz-server-side-encryption': head.ServerSideEncryption,
  'x-amz-server-side-encryption-aws-kms-key-id': head.SSEKMSKeyId,
  'x-amz-server-side-encryption-bucket-key-enabled': head.BucketKeyEnabled ?? false,
  'content-length': head.ContentLength,
})
`

const HEAD_OBJECT = `// HeadObject: an object's metadata and encryption headers, without its bytes.
import { HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'

const { Buckets = [] } = await s3.send(new ListBucketsCommand({}))
for (const { Name } of Buckets) {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: Name }))
  for (const { Key } of Contents.slice(0, 5)) {
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: Name, Key }))
      console.log(\`s3://\${Name}/\${Key}\`, head.ServerSideEncryption ?? '(SSE-C: S3 needs the key even for HEAD)', head.SSEKMSKeyId ?? '')
    } catch (e) {
      // An SSE-C object answers HEAD without its key with a bare 400.
      console.error(\`s3://\${Name}/\${Key}\`, e)
    }
  }
}
if (Buckets.length === 0) console.log('No buckets yet: load the "Put with SSE-KMS" example first.')
`

const READ_SSE_C = `// SSE-C: S3 encrypts with a key you send on every request, and keeps only a salted HMAC of it.
import { CreateBucketCommand, GetObjectCommand, PutBucketEncryptionCommand, PutObjectCommand } from '@aws-sdk/client-s3'

const Bucket = 'scratchpad-ssec'
await s3.send(new CreateBucketCommand({ Bucket })).catch((e: Error) => {
  if (e.name !== 'BucketAlreadyOwnedByYou') throw e
})
// New buckets refuse SSE-C since April 2026; this one allows it again.
await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{
  ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
  BlockedEncryptionTypes: { EncryptionType: ['NONE'] },
}] } }))

// A fresh random 256-bit key, base64: it exists only in this run.
const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
const sse = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: key }

await s3.send(new PutObjectCommand({ Bucket, Key: 'secret.txt', Body: 'Readable only with the key.', ...sse }))
const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'secret.txt', ...sse }))
console.log('With the key:', await got.Body.transformToString(), '| key MD5:', got.SSECustomerKeyMD5)

try {
  await s3.send(new GetObjectCommand({ Bucket, Key: 'secret.txt' }))
} catch (e) {
  console.error('Without the key:', e)
}
`

export const EXAMPLES: Example[] = [
  { id: 'put-sse-kms', title: 'Put with SSE-KMS, then HeadObject', source: PUT_SSE_KMS },
  { id: 'head-object', title: 'HeadObject on every object', source: HEAD_OBJECT },
  { id: 'read-sse-c', title: 'Write and read an SSE-C object', source: READ_SSE_C },
]

/** Declarations for Monaco: the SDK modules resolve (typed loosely), and the preconfigured globals have docs. */
export const SCRATCHPAD_AMBIENT = `declare module '@aws-sdk/client-s3';
declare module '@aws-sdk/client-kms';
/** An S3Client already configured for the current target (the in-browser emulator by default). */
declare const s3: any;
/** A KMSClient already configured for the current target. */
declare const kms: any;
`

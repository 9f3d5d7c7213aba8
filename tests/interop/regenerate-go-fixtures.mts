/**
 * Regenerates tests/fixtures/s3ec/go-*.json and kms-snapshot-go.json: starts the emulator's HTTP host, creates
 * a KMS key, lets the real Go S3 Encryption Client (tests/interop/go/s3ec.go) write objects through it, stores
 * each object as S3 holds it, and the KMS key (material included) so the fixtures decrypt offline. Then runs the
 * reverse direction (lib/cse writes, Go reads) and prints its table for the README.
 * Run: npx tsx tests/interop/regenerate-go-fixtures.mts (needs apt-get install golang-go golang-github-aws-aws-sdk-go-dev)
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { kmsToSnapshot } from '@/lib/emulator/kms-snapshot'
import { startEmulator, testCredentials } from '../helpers/server'
import { buildGoS3ec, probeGo, runGoS3ec } from './go-s3ec'
import { cseToGo, describeResult, reverseCases } from './go-reverse'

const probe = probeGo()
if ('missing' in probe) throw new Error(probe.missing)
const outdir = fileURLToPath(new URL('../fixtures/s3ec/', import.meta.url))
const binary = await buildGoS3ec()
const running = await startEmulator()
try {
  const config = { endpoint: running.endpoint, region: 'us-east-1', credentials: testCredentials }
  const s3 = new S3Client({ ...config, forcePathStyle: true })
  const kms = new KMSClient(config)
  const key = (await kms.send(new CreateKeyCommand({ Description: 'Go s3crypto interop fixtures' }))).KeyMetadata!
  const bucket = 'go-s3ec-fixtures'
  const cases = JSON.parse(await runGoS3ec(binary, ['write', running.endpoint, bucket, key.Arn!])) as {
    name: string
    writer: string
    mode: string
    plaintextBase64: string
    encryptionContext?: Record<string, string>
  }[]
  for (const f of readdirSync(outdir)) if (f.startsWith('go-') && f.endsWith('.json')) rmSync(outdir + f)
  const read = async (Key: string) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))
    return { metadata: out.Metadata ?? {}, body: await out.Body!.transformToByteArray() }
  }
  for (const c of cases) {
    const raw = await read(c.name)
    const instruction =
      c.mode === 'v2-instruction' ? new TextDecoder().decode((await read(`${c.name}.instruction`)).body) : undefined
    const metadata = Object.fromEntries(Object.entries(raw.metadata).sort(([a], [b]) => (a < b ? -1 : 1)))
    const wrap =
      metadata['x-amz-wrap-alg'] ?? (JSON.parse(instruction ?? '{}') as Record<string, string>)['x-amz-wrap-alg']
    const fixture = {
      writer: c.writer,
      name: c.name,
      wrap,
      key: { kmsKeyArn: key.Arn, kmsSnapshot: 'kms-snapshot-go.json' },
      ...(c.encryptionContext ? { encryptionContext: c.encryptionContext } : {}),
      plaintextBase64: c.plaintextBase64,
      metadata,
      ciphertextBase64: Buffer.from(raw.body).toString('base64'),
      ...(instruction !== undefined ? { instructionFile: instruction } : {}),
    }
    writeFileSync(`${outdir}${c.name}.json`, JSON.stringify(fixture, null, 2) + '\n')
    console.log(`wrote ${c.name}`)
  }
  // Only the fixtures' key, and no CloudTrail history: the least a reader needs to call Decrypt offline.
  const snapshot = kmsToSnapshot(running.emulator) as { keys: { id: string }[] }
  const kmsPart = {
    ...snapshot,
    keys: snapshot.keys.filter((k) => k.id === key.KeyId),
    aliases: [],
    trail: { records: [], times: [] },
  }
  writeFileSync(
    `${outdir}kms-snapshot-go.json`,
    JSON.stringify(
      { note: 'Throwaway test key for the go-*.json fixtures; restore with restoreKmsSnapshot', kms: kmsPart },
      null,
      2,
    ) + '\n',
  )
  console.log('wrote kms-snapshot-go.json')

  await s3.send(new CreateBucketCommand({ Bucket: 'cse-to-go' }))
  console.log(
    `\nReverse direction (lib/cse writes, ${probe.version} reads):\n\n| object lib/cse wrote | Go | |\n| --- | --- | --- |`,
  )
  for (const c of reverseCases) {
    console.log(
      describeResult(
        c,
        await cseToGo(c, { s3, kms, keyId: key.Arn!, binary, endpoint: running.endpoint, bucket: 'cse-to-go' }),
      ),
    )
  }
} finally {
  await running.close()
}

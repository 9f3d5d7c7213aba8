/**
 * Ranged GETs across at-rest segment boundaries (1 MiB segments, docs/at-rest-format.md), through the
 * Node server, with real clients: @aws-sdk/client-s3 for SSE-S3, SSE-KMS, DSSE-KMS and a multipart
 * object, and the real aws CLI (get-object --range, and s3 cp of a multipart object, which downloads in
 * ranged pieces). Every answer is compared byte for byte with the source.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findAws, runAws } from '../helpers/aws-cli'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

const MIB = 1024 * 1024
const cli = findAws()
if (!cli)
  console.warn(
    '[ranged-segments] aws CLI part skipped: no working aws CLI (install aws-cli or set AWS_CLI to its path)',
  )

/** Bytes that differ at every offset's neighbourhood, so a misplaced segment cannot go unnoticed. */
const source = (size: number) => {
  const out = Buffer.alloc(size)
  for (let i = 0; i + 4 <= size; i += 4) out.writeUInt32BE(i >>> 0, i)
  return out
}
const BODY = source(3 * MIB + 12_345)
// Ranges that start, end or straddle segment boundaries (1 MiB, 2 MiB, 3 MiB) and the object's end.
const RANGES: [number, number][] = [
  [0, 0],
  [MIB - 1, MIB],
  [MIB - 100, 2 * MIB + 99],
  [2 * MIB, 3 * MIB - 1],
  [3 * MIB - 5, BODY.length - 1],
  [BODY.length - 1, BODY.length - 1],
]

let running: RunningEmulator
let s3: S3Client
beforeAll(async () => {
  running = await startEmulator()
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: running.endpoint,
    forcePathStyle: true,
    credentials: testCredentials,
  })
  await s3.send(new CreateBucketCommand({ Bucket: 'ranges' }))
})
afterAll(async () => {
  s3.destroy()
  await running.close()
})

const getRange = async (key: string, [a, b]: [number, number]) => {
  const r = await s3.send(new GetObjectCommand({ Bucket: 'ranges', Key: key, Range: `bytes=${a}-${b}` }))
  expect(r.ContentRange).toBe(`bytes ${a}-${b}/${BODY.length}`)
  return Buffer.from(await r.Body!.transformToByteArray())
}

describe('@aws-sdk/client-s3: ranges across segment boundaries', () => {
  for (const sse of ['AES256', 'aws:kms', 'aws:kms:dsse'] as ServerSideEncryption[]) {
    it(`${sse}: every range is the source's bytes`, async () => {
      const key = `single-${sse}`
      await s3.send(new PutObjectCommand({ Bucket: 'ranges', Key: key, Body: BODY, ServerSideEncryption: sse }))
      for (const range of RANGES)
        expect((await getRange(key, range)).equals(BODY.subarray(range[0], range[1] + 1)), `${sse} ${range}`).toBe(true)
    })
  }

  it('a multipart object (5 MiB + rest): ranges across part and segment boundaries', async () => {
    const big = source(5 * MIB + 3 * MIB + 7)
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'ranges', Key: 'mp' }))
    const parts = []
    for (const [n, slice] of [
      [1, big.subarray(0, 5 * MIB)],
      [2, big.subarray(5 * MIB)],
    ] as const) {
      const { ETag } = await s3.send(
        new UploadPartCommand({ Bucket: 'ranges', Key: 'mp', UploadId, PartNumber: n, Body: slice }),
      )
      parts.push({ PartNumber: n, ETag })
    }
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: 'ranges', Key: 'mp', UploadId, MultipartUpload: { Parts: parts } }),
    )
    for (const [a, b] of [
      [5 * MIB - 10, 5 * MIB + 9],
      [4 * MIB + 1, 6 * MIB + 1],
      [0, big.length - 1],
    ] as [number, number][]) {
      const r = await s3.send(new GetObjectCommand({ Bucket: 'ranges', Key: 'mp', Range: `bytes=${a}-${b}` }))
      expect(Buffer.from(await r.Body!.transformToByteArray()).equals(big.subarray(a, b + 1)), `${a}-${b}`).toBe(true)
    }
  })
})

describe.skipIf(!cli)(`the real aws CLI (${cli ? `aws-cli/${cli.version}` : 'not installed'})`, () => {
  const work = mkdtempSync(join(tmpdir(), 's3pg-ranges-'))
  const aws = (line: string[]) => runAws(cli!.command, running.endpoint, work, line)

  it('get-object --range across a segment boundary', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'ranges', Key: 'cli', Body: BODY }))
    for (const [a, b] of RANGES.slice(1, 4)) {
      const r = await aws([
        's3api',
        'get-object',
        '--bucket',
        'ranges',
        '--key',
        'cli',
        '--range',
        `bytes=${a}-${b}`,
        'out.bin',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).ContentRange).toBe(`bytes ${a}-${b}/${BODY.length}`)
      expect(readFileSync(join(work, 'out.bin')).equals(BODY.subarray(a, b + 1))).toBe(true)
    }
  })

  it('s3 cp of a 20 MiB object up (multipart) and down (8 MiB ranged GETs) is byte-identical', async () => {
    const file = source(20 * MIB + 3)
    writeFileSync(join(work, 'big.bin'), file)
    expect((await aws(['s3', 'cp', 'big.bin', 's3://ranges/big.bin'])).code).toBe(0)
    const down = await aws(['s3', 'cp', 's3://ranges/big.bin', 'back.bin'])
    expect(down.code, down.stderr).toBe(0)
    expect(readFileSync(join(work, 'back.bin')).equals(file)).toBe(true)
  }, 120_000)
})

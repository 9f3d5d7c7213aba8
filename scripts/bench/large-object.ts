/**
 * One large object through the emulator's Node server, streamed both ways, with the server's memory
 * watched from outside: the server runs as its own process (`scripts/emulator.mts --data-dir` in a temp
 * folder); the object is generated on the fly, uploaded with @aws-sdk/client-s3 (PutObject with a stream
 * body: aws-chunked with a CRC32 trailer), downloaded and hashed as it arrives, and compared by SHA-256.
 * The server's peak RSS is read from /proc/<pid>/status (VmHWM), after resetting it once the server is
 * idle (writing 5 to /proc/<pid>/clear_refs), so the figure is the growth caused by the transfer.
 * Used by tests/contract/large-object-memory.test.ts and `npm run bench:memory`.
 */
import { spawn } from 'node:child_process'
import { createHash, createCipheriv } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'

const MIB = 1024 * 1024

export interface LargeObjectResult {
  bytes: number
  sse: string
  uploadSeconds: number
  downloadSeconds: number
  /** The server's resident set when idle, before the transfer (MiB). */
  baselineRssMiB: number
  /** The server's peak resident set during the transfer (MiB), and its growth over the idle baseline. */
  peakRssMiB: number
  growthMiB: number
  /** True when the kernel let us reset the peak (clear_refs); else the peak includes start-up. */
  peakReset: boolean
  identical: boolean
  /** A ranged GET across a segment boundary returned the right bytes. */
  rangeOk: boolean
}

const status = (pid: number) => readFileSync(`/proc/${pid}/status`, 'utf8')
const kib = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN)

/** Deterministic bytes (AES-CTR keystream), so the upload and the check need not be kept. */
function* generate(size: number, chunk = MIB): Generator<Buffer> {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0))
  const zeros = Buffer.alloc(chunk)
  for (let sent = 0; sent < size; sent += chunk) yield cipher.update(zeros.subarray(0, Math.min(chunk, size - sent)))
}

async function waitForPort(proc: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = ''
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    proc.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${out}`)))
  })
}

export async function runLargeObject(options: {
  bytes: number
  sse?: 'AES256' | 'aws:kms'
  port?: number
}): Promise<LargeObjectResult> {
  const dir = mkdtempSync(join(tmpdir(), 's3pg-large-'))
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/emulator.mts', '--port', String(options.port ?? 0), '--data-dir', join(dir, 'data')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  try {
    const port = await waitForPort(server)
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
    })
    await s3.send(new CreateBucketCommand({ Bucket: 'large' }))
    await new Promise((r) => setTimeout(r, 300))
    const pid = server.pid!
    const baselineRssMiB = kib(status(pid), 'VmRSS') / 1024
    let peakReset = true
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5')
    } catch {
      peakReset = false
    }

    const sse = options.sse ?? 'AES256'
    const up = createHash('sha256')
    const source = Readable.from(
      (function* () {
        for (const c of generate(options.bytes)) {
          up.update(c)
          yield c
        }
      })(),
    )
    let t = performance.now()
    await s3.send(
      new PutObjectCommand({
        Bucket: 'large',
        Key: 'big.bin',
        Body: source,
        ContentLength: options.bytes,
        ServerSideEncryption: sse,
      }),
    )
    const uploadSeconds = (performance.now() - t) / 1000

    t = performance.now()
    const got = await s3.send(new GetObjectCommand({ Bucket: 'large', Key: 'big.bin' }))
    const down = createHash('sha256')
    let received = 0
    for await (const c of got.Body as AsyncIterable<Uint8Array>) {
      down.update(c)
      received += c.length
    }
    const downloadSeconds = (performance.now() - t) / 1000
    const peakRssMiB = kib(status(pid), 'VmHWM') / 1024

    // A range across the first segment boundary (1 MiB), checked against the generator's bytes.
    const ranged = await s3.send(
      new GetObjectCommand({ Bucket: 'large', Key: 'big.bin', Range: `bytes=${MIB - 10}-${MIB + 9}` }),
    )
    const head = Buffer.concat([...generate(2 * MIB)])
    const rangeOk = Buffer.from(await ranged.Body!.transformToByteArray()).equals(head.subarray(MIB - 10, MIB + 10))
    s3.destroy()
    return {
      bytes: options.bytes,
      sse,
      uploadSeconds,
      downloadSeconds,
      baselineRssMiB,
      peakRssMiB,
      growthMiB: peakRssMiB - baselineRssMiB,
      peakReset,
      identical: received === options.bytes && up.digest('hex') === down.digest('hex'),
      rangeOk,
    }
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * `npx tsx scripts/bench-strict.mts [requests]`: what strict mode costs. (1) verifySigV4 alone on a real
 * SDK-signed PutObject, per call; (2) PutObject + GetObject of 4 KiB through the HTTP server with and without
 * strict mode (SigV4 + CORS rules), sequential, median and p95 per request, interleaved rounds.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { createEmulator } from '../lib/emulator/create-emulator'
import { createEmulatorServer, listen } from '../lib/adapters/node-http/server'
import { verifySigV4 } from '../lib/protocol/auth/sigv4'

const N = Number(process.argv[2] ?? 300)
const creds = { accessKeyId: 'AKIABENCHSTRICT00001', secretAccessKey: 'bench-secret' }
const body = new Uint8Array(4096).fill(7)

/** A PutObject exactly as the SDK signs it, caught before it leaves. */
async function signedPut(): Promise<Request> {
  let caught: Request | undefined
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    forcePathStyle: true,
    credentials: creds,
    requestHandler: {
      handle: async (r: {
        method: string
        path: string
        query?: Record<string, string>
        headers: Record<string, string>
      }) => {
        const query = new URLSearchParams(r.query ?? {}).toString()
        caught = new Request(`http://127.0.0.1:4566${r.path}${query ? `?${query}` : ''}`, {
          method: r.method,
          headers: r.headers,
        })
        throw new Error('caught')
      },
    } as never,
  })
  await s3
    .send(new PutObjectCommand({ Bucket: 'b', Key: 'k.txt', Body: body, ServerSideEncryption: 'aws:kms' }))
    .catch(() => undefined)
  return caught!
}

async function verifyCost() {
  const request = await signedPut()
  const url = new URL(request.url)
  const check = verifySigV4(request, url, [creds], undefined)
  if (!check.ok) throw new Error(`the benchmark request does not verify: ${check.failure.kind}`)
  const rounds = 5000
  const t0 = performance.now()
  for (let i = 0; i < rounds; i++) verifySigV4(request, url, [creds], undefined)
  return ((performance.now() - t0) / rounds) * 1000
}

async function serve(strict: boolean) {
  const emulator = createEmulator(strict ? { http: { auth: { credentials: [creds] }, cors: 'rules' } } : {})
  const server = createEmulatorServer(emulator)
  const port = await listen(server, { port: 0, host: '127.0.0.1' })
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: creds,
    maxAttempts: 1,
  })
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }))
  return { s3, close: () => server.close() }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!

const perCall = await verifyCost()
const plain = await serve(false)
const strict = await serve(true)
const times: Record<string, number[]> = { plain: [], strict: [] }
for (let round = 0; round < 4; round++) {
  for (const [name, t] of [
    ['plain', plain],
    ['strict', strict],
  ] as const) {
    for (let i = 0; i < N / 4; i++) {
      const t0 = performance.now()
      await t.s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `k${i}`, Body: body }))
      const got = await t.s3.send(new GetObjectCommand({ Bucket: 'bench', Key: `k${i}` }))
      await got.Body!.transformToByteArray()
      times[name]!.push((performance.now() - t0) / 2)
    }
  }
}
plain.close()
strict.close()
console.log(`verifySigV4 on an SDK-signed PutObject: ${perCall.toFixed(1)} µs per request (5000 calls)`)
for (const name of ['plain', 'strict'])
  console.log(
    `${name.padEnd(6)} 4 KiB PutObject/GetObject over HTTP, ${times[name]!.length} pairs: median ${pct(times[name]!, 0.5).toFixed(2)} ms, p95 ${pct(times[name]!, 0.95).toFixed(2)} ms per request`,
  )

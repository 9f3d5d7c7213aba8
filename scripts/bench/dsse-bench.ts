/**
 * The DSSE throughput benchmark, runnable in Node and in a browser (docs/benchmarks.md):
 * 1. raw AES-256-GCM encryption: WebCrypto (outer layer) against @noble/ciphers (DSSE's inner layer);
 * 2. end to end through handle(): PutObject + GetObject of one object with SSE-KMS and with DSSE-KMS.
 * Each figure is the median of `rounds` runs after one warm-up run.
 */
import { gcm } from '@noble/ciphers/aes.js'
import { createEmulator } from '../../lib/emulator/create-emulator'

export interface DsseBench {
  MiB: number
  rounds: number
  aesGcmEncrypt: { webCryptoMBps: number; nobleMBps: number; nobleToWebCrypto: number }
  putPlusGet: { sseKmsMBps: number; dsseKmsMBps: number; dsseToSseKms: number }
}

export async function runDsseBench(MiB: number, rounds: number): Promise<DsseBench> {
  const size = MiB * 1024 * 1024
  const data = new Uint8Array(size)
  for (let o = 0; o < size; o += 65536) crypto.getRandomValues(data.subarray(o, Math.min(size, o + 65536)))
  const median = async (run: () => Promise<unknown>): Promise<number> => {
    await run()
    const times: number[] = []
    for (let i = 0; i < rounds; i++) {
      const t = performance.now()
      await run()
      times.push(performance.now() - t)
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
  }
  const mbps = (ms: number) => +(MiB / (ms / 1000)).toFixed(1)

  const key = crypto.getRandomValues(new Uint8Array(32))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt'])
  const web = await median(() => crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, data))
  const noble = await median(async () => gcm(key, iv).encrypt(data))

  const emulator = createEmulator()
  const endpoint = 'https://127.0.0.1:4566'
  await emulator.handle(new Request(`${endpoint}/bench-bucket`, { method: 'PUT' }))
  const roundTrip = (sse: string) => async () => {
    const put = await emulator.handle(
      new Request(`${endpoint}/bench-bucket/obj`, {
        method: 'PUT',
        body: data,
        headers: { 'x-amz-server-side-encryption': sse },
      }),
    )
    if (put.status !== 200) throw new Error(`PUT ${sse}: ${put.status} ${await put.text()}`)
    const got = await emulator.handle(new Request(`${endpoint}/bench-bucket/obj`))
    if ((await got.arrayBuffer()).byteLength !== size) throw new Error('short read')
  }
  const kms = await median(roundTrip('aws:kms'))
  const dsse = await median(roundTrip('aws:kms:dsse'))
  return {
    MiB,
    rounds,
    aesGcmEncrypt: { webCryptoMBps: mbps(web), nobleMBps: mbps(noble), nobleToWebCrypto: +(web / noble).toFixed(3) },
    putPlusGet: { sseKmsMBps: mbps(kms), dsseKmsMBps: mbps(dsse), dsseToSseKms: +(kms / dsse).toFixed(3) },
  }
}

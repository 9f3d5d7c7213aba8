/**
 * `npm run bench:hashes [-- rounds]`: the project's CRC64NVME (lib/crypto/crc64nvme.ts, slice-by-8) against the
 * AWS SDK's own (@aws-sdk/checksums, the one the SDK uses when the CRT is absent), on the same bytes in the same
 * run, whole and in 64 KiB updates, best of N rounds. Both must give the same digest. Writes the table between
 * the bench-hashes markers in docs/benchmarks.md. Which one the project keeps follows this ratio.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { Crc64NvmeJs } from '@aws-sdk/checksums/crc'
import { Crc64Nvme } from '../lib/crypto/crc64nvme'

const rounds = Number(process.argv[2] ?? 5)
const KiB = 1024
const MiB = 1024 * KiB
const sizes = [4 * KiB, 1 * MiB, 64 * MiB]
const data = new Uint8Array(64 * MiB).map((_, i) => (i * 131 + (i >> 9)) & 0xff)

type Hasher = { update(chunk: Uint8Array): unknown; digest(): Uint8Array | Promise<Uint8Array> }
const makers: Record<string, () => Hasher> = { project: () => new Crc64Nvme(), 'aws-sdk': () => new Crc64NvmeJs() }

async function best(make: () => Hasher, bytes: Uint8Array, chunk: number): Promise<{ ms: number; hex: string }> {
  let ms = Infinity
  let hex = ''
  // Small inputs repeat so one sample lasts long enough to time.
  const repeat = Math.max(1, Math.floor((4 * MiB) / bytes.length))
  for (let r = 0; r < rounds; r++) {
    const t = performance.now()
    for (let k = 0; k < repeat; k++) {
      const h = make()
      for (let o = 0; o < bytes.length; o += chunk) h.update(bytes.subarray(o, o + chunk))
      hex = Buffer.from(await h.digest()).toString('hex')
    }
    ms = Math.min(ms, (performance.now() - t) / repeat)
  }
  return { ms, hex }
}

const rows: string[] = []
for (const size of sizes) {
  const bytes = data.subarray(0, size)
  for (const chunk of [size, 64 * KiB].filter((c, i, all) => c <= size && all.indexOf(c) === i)) {
    const [ours, sdk] = [await best(makers.project!, bytes, chunk), await best(makers['aws-sdk']!, bytes, chunk)]
    if (ours.hex !== sdk.hex) throw new Error(`digests differ at ${size} bytes: ${ours.hex} vs ${sdk.hex}`)
    const mbps = (ms: number) => (size / MiB / (ms / 1000)).toFixed(0)
    const label = size >= MiB ? `${size / MiB} MiB` : `${size / KiB} KiB`
    const how = chunk === size ? 'whole' : '64 KiB updates'
    rows.push(`| ${label} | ${how} | ${mbps(ours.ms)} | ${mbps(sdk.ms)} | ${(sdk.ms / ours.ms).toFixed(2)}× |`)
    console.log(rows.at(-1))
  }
}

const table = [
  `Node ${process.version}, best of ${rounds} rounds, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| Size | Fed | Project MiB/s | @aws-sdk/checksums MiB/s | Project speed-up |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
].join('\n')
const file = 'docs/benchmarks.md'
const doc = readFileSync(file, 'utf8')
const start = '<!-- bench-hashes:start -->'
const end = '<!-- bench-hashes:end -->'
if (!doc.includes(start)) throw new Error(`${file} has no ${start} marker`)
writeFileSync(file, doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`))

/**
 * The journal's framing (docs/persistence.md): one line per committed batch, `<checksum> <json>\n`, where
 * the checksum is the first 16 hex digits of the SHA-256 of the JSON text. JSON text never holds a raw
 * newline, so a line is a record. A crash mid-append leaves a last line that is incomplete or fails its
 * checksum: that batch was never acknowledged, and is dropped. A bad line with a good one after it cannot
 * come from a crash (appends are sequential), so it is damage.
 */
import { createHash } from 'node:crypto'

const NEWLINE = 0x0a

const checksum = (json: string) => createHash('sha256').update(json).digest('hex').slice(0, 16)

export function frame(record: unknown): Buffer {
  const json = JSON.stringify(record)
  return Buffer.from(`${checksum(json)} ${json}\n`)
}

export interface ParsedJournal {
  records: unknown[]
  /** Bytes up to the end of the last good record: where the next append belongs. */
  goodLength: number
  /** A torn last record was found (and dropped). */
  torn: boolean
}

/** Why a journal cannot be used, in words that never quote its contents. */
export class DamagedJournal extends Error {}

function parseLine(bytes: Buffer, start: number, end: number): unknown {
  const line = bytes.toString('utf8', start, end)
  const space = line.indexOf(' ')
  if (space !== 16) return undefined
  const json = line.slice(17)
  if (checksum(json) !== line.slice(0, 16)) return undefined
  try {
    return { value: JSON.parse(json) as unknown }
  } catch {
    return undefined
  }
}

export function parseJournal(bytes: Buffer): ParsedJournal {
  const records: unknown[] = []
  let at = 0
  while (at < bytes.length) {
    const end = bytes.indexOf(NEWLINE, at)
    const parsed = end < 0 ? undefined : (parseLine(bytes, at, end) as { value: unknown } | undefined)
    if (!parsed) {
      // Torn tail, or damage if any complete good record follows.
      for (let next = end; next >= 0 && next + 1 < bytes.length;) {
        const after = bytes.indexOf(NEWLINE, next + 1)
        if (after < 0) break
        if (parseLine(bytes, next + 1, after))
          throw new DamagedJournal(`record ${records.length + 1} fails its checksum and later records follow it`)
        next = after
      }
      return { records, goodLength: at, torn: true }
    }
    records.push(parsed.value)
    at = end + 1
  }
  return { records, goodLength: at, torn: false }
}

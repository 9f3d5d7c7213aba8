/** Single byte ranges, as S3 supports them (RFC 9110 §14.1.2; S3 ignores multi-range requests). */
import { S3Error } from './errors'

export interface ByteRange {
  start: number
  end: number
}

/** undefined = serve the whole object (no header, or a header S3 ignores). */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  const unsatisfiable = () =>
    new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: header,
      ActualObjectSize: String(size),
    })
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0 || size === 0) throw unsatisfiable()
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (m[2] !== '' && Number(m[2]) < start) return undefined // syntactically invalid: ignored
  if (start >= size) throw unsatisfiable()
  return { start, end }
}

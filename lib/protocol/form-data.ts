/**
 * multipart/form-data for POST Object (browser form uploads), read as it streams in. The fields before the
 * file are held, within a byte limit counted as they arrive (S3 allows 20 KiB: docs/fidelity.md §7); the file
 * is handed on piece by piece, never held whole, and fields after it are ignored, as S3 ignores them.
 * The delimiter search keeps only a boundary's length of carry-over between pieces, so the cost is linear in
 * the body (the boundary is at most 70 bytes, RFC 2046).
 */
import { fromUtf8, joinBytes, utf8 } from '../crypto/bytes'
import { S3Error } from '../s3/errors'

export interface FormField {
  /** As sent; S3 matches field names case-insensitively. */
  name: string
  value: string
}

export interface FormFile {
  filename: string
  /** The file's bytes, to be read once; ends at the part's delimiter, or throws for a truncated body. */
  chunks: AsyncIterable<Uint8Array>
}

export interface PostForm {
  fields: FormField[]
  file?: FormFile
}

export const MAX_PRE_DATA_BYTES = 20 * 1024

export const malformedPost = () =>
  new S3Error('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.', 400)

const preDataTooLarge = () =>
  new S3Error(
    'MaxPostPreDataLengthExceeded',
    'Your POST request fields preceeding the upload file was too large.',
    400,
    {
      MaxPostPreDataLength: String(MAX_PRE_DATA_BYTES),
    },
  )

/** The boundary of a multipart/form-data Content-Type, or undefined for any other type. */
export function formBoundary(contentType: string | null): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType)
  return m ? (m[1] ?? m[2]) : undefined
}

/** Index of `needle` in `hay` at or after `from`, or -1 (needle ≤ 74 bytes, so linear in hay). */
function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]
  outer: for (
    let i = hay.indexOf(first!, from);
    i !== -1 && i <= hay.length - needle.length;
    i = hay.indexOf(first!, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/** A pull-based buffer over the body's pieces. */
class Reader {
  private buf: Uint8Array
  private ended = false
  private readonly source: AsyncIterator<Uint8Array>

  constructor(body: AsyncIterable<Uint8Array>, prefix: Uint8Array) {
    this.source = body[Symbol.asyncIterator]()
    this.buf = prefix
  }

  get bytes(): Uint8Array {
    return this.buf
  }

  /** Pulls one more piece; false at the end of the body. */
  async fill(): Promise<boolean> {
    if (this.ended) return false
    const step = await this.source.next()
    if (step.done) {
      this.ended = true
      return false
    }
    this.buf = this.buf.length ? joinBytes([this.buf, step.value]) : step.value
    return true
  }

  consume(n: number): Uint8Array {
    const out = this.buf.subarray(0, n)
    this.buf = this.buf.subarray(n)
    return out
  }

  /** Reads through `needle`, returning what came before it; `limit` bounds what may be held while looking. */
  async until(needle: Uint8Array, limit: number, tooLarge: () => S3Error): Promise<Uint8Array> {
    let from = 0
    for (;;) {
      const i = indexOf(this.buf, needle, from)
      if (i !== -1) {
        const out = this.buf.slice(0, i)
        this.consume(i + needle.length)
        return out
      }
      if (this.buf.length > limit + needle.length) throw tooLarge()
      from = Math.max(0, this.buf.length - needle.length + 1)
      if (!(await this.fill())) throw malformedPost()
    }
  }
}

function dispositionOf(headerBlock: string): { name?: string; filename?: string } {
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue
    const value = line.slice(colon + 1)
    const param = (p: string) => new RegExp(`;\\s*${p}="([^"]*)"`, 'i').exec(value)?.[1]
    const name = param('name')
    const filename = param('filename')
    return { ...(name !== undefined ? { name } : {}), ...(filename !== undefined ? { filename } : {}) }
  }
  return {}
}

/**
 * Reads the fields up to the file part and returns them with the file's stream (undefined when the form has
 * no part named "file"). Throws MaxPostPreDataLengthExceeded as soon as the fields pass the limit.
 */
export async function readPostForm(body: AsyncIterable<Uint8Array>, boundary: string): Promise<PostForm> {
  // A CRLF before the body makes the first delimiter look like every other one.
  const reader = new Reader(body, utf8('\r\n'))
  const delimiter = utf8(`\r\n--${boundary}`)
  const fields: FormField[] = []
  let preData = 0
  const budget = () => MAX_PRE_DATA_BYTES - preData
  await reader.until(delimiter, MAX_PRE_DATA_BYTES, preDataTooLarge) // the preamble, ignored
  for (;;) {
    while (reader.bytes.length < 2) if (!(await reader.fill())) throw malformedPost()
    if (reader.bytes[0] === 0x2d && reader.bytes[1] === 0x2d) return { fields } // "--": the last part ended
    const headers = fromUtf8(await reader.until(utf8('\r\n\r\n'), budget(), preDataTooLarge))
    preData += headers.length
    const { name, filename } = dispositionOf(headers.replace(/^[ \t]*\r\n/, ''))
    if (name === undefined) throw malformedPost()
    if (name.toLowerCase() === 'file') {
      return { fields, file: { filename: filename ?? '', chunks: fileChunks(reader, delimiter) } }
    }
    const value = await reader.until(delimiter, budget(), preDataTooLarge)
    preData += value.length
    if (preData > MAX_PRE_DATA_BYTES) throw preDataTooLarge()
    fields.push({ name, value: fromUtf8(value) })
  }
}

/** The file part's bytes up to the next delimiter, handed on as they arrive. */
async function* fileChunks(reader: Reader, delimiter: Uint8Array): AsyncGenerator<Uint8Array> {
  let from = 0
  for (;;) {
    const i = indexOf(reader.bytes, delimiter, from)
    if (i !== -1) {
      if (i > 0) yield reader.consume(i)
      return
    }
    // Everything but a possible start of the delimiter can go on now.
    const safe = reader.bytes.length - delimiter.length + 1
    if (safe > 0) yield reader.consume(safe)
    from = 0
    if (!(await reader.fill())) throw malformedPost()
  }
}

/** multipart/form-data for POST Object: fields before the file held within 20 KiB, the file streamed, at any split. */
import { describe, expect, it } from 'vitest'
import { formBoundary, MAX_PRE_DATA_BYTES, readPostForm } from '@/lib/protocol/form-data'
import { S3Error } from '@/lib/s3/errors'
import { fromUtf8, joinBytes, utf8 } from '@/lib/crypto/bytes'

const B = '----formBoundary7MA4YWxkTrZu0gW'
const part = (name: string, value: string, filename?: string) =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"` : ''}\r\n` +
  `${filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n${value}\r\n`
// The file's bytes include CRLFs, a near-delimiter and the boundary not after a CRLF, none of which ends it.
const FILE = `line one\r\n--${B.slice(0, -1)}x\r\n\r\nend --${B}`
const body =
  part('key', 'uploads/${filename}') +
  part('Policy', 'eyJ9') +
  part('file', FILE, 'a.txt') +
  part('ignored', 'after the file') +
  `--${B}--\r\n`

async function* pieces(bytes: Uint8Array, at: number[]) {
  let start = 0
  for (const cut of [...at, bytes.length]) {
    yield bytes.subarray(start, cut)
    start = cut
  }
}
const drain = async (chunks: AsyncIterable<Uint8Array>) => {
  const out: Uint8Array[] = []
  for await (const c of chunks) out.push(c)
  return fromUtf8(joinBytes(out))
}

describe('readPostForm', () => {
  it('reads the same fields and file wherever the body is split (every one- and two-cut split)', async () => {
    const bytes = utf8(body)
    const splits: number[][] = [[]]
    for (let i = 1; i < bytes.length; i++) splits.push([i])
    for (let i = 1; i < bytes.length; i += 7) for (let j = i + 1; j < bytes.length; j += 5) splits.push([i, j])
    for (const at of splits) {
      const form = await readPostForm(pieces(bytes, at), B)
      expect(form.fields).toEqual([
        { name: 'key', value: 'uploads/${filename}' },
        { name: 'Policy', value: 'eyJ9' },
      ])
      expect(form.file!.filename).toBe('a.txt')
      expect(await drain(form.file!.chunks)).toBe(FILE)
    }
  })

  it('a form without a file part: the fields only', async () => {
    const form = await readPostForm(pieces(utf8(part('key', 'k') + `--${B}--\r\n`), []), B)
    expect([form.fields, form.file]).toEqual([[{ name: 'key', value: 'k' }], undefined])
  })

  it('refuses fields before the file past 20 KiB as they arrive, without reading further', async () => {
    let pulled = 0
    async function* endless() {
      yield utf8(part('a', 'x'.repeat(10_000)) + `--${B}\r\nContent-Disposition: form-data; name="b"\r\n\r\n`)
      for (;;) {
        pulled++
        if (pulled > 100) throw new Error('read on past the limit')
        yield utf8('y'.repeat(4096))
      }
    }
    const error = await readPostForm(endless(), B).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(S3Error)
    expect(error).toMatchObject({
      code: 'MaxPostPreDataLengthExceeded',
      status: 400,
      fields: { MaxPostPreDataLength: String(MAX_PRE_DATA_BYTES) },
    })
    expect(pulled).toBeLessThan(5)
  })

  it('a body that ends inside the file is MalformedPOSTRequest, not a short file', async () => {
    const cut = utf8(
      part('key', 'k') + `--${B}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\nhalf a fi`,
    )
    const form = await readPostForm(pieces(cut, []), B)
    await expect(drain(form.file!.chunks)).rejects.toMatchObject({ code: 'MalformedPOSTRequest', status: 400 })
  })

  it('formBoundary: only multipart/form-data with a boundary', () => {
    expect(formBoundary(`multipart/form-data; boundary=${B}`)).toBe(B)
    expect(formBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe('a b')
    expect(formBoundary('application/x-www-form-urlencoded')).toBeUndefined()
    expect(formBoundary('multipart/form-data')).toBeUndefined()
    expect(formBoundary(null)).toBeUndefined()
  })
})

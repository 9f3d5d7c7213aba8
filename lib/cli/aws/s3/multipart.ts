/**
 * Large transfers the way aws-cli makes them: above the 8 MiB multipart threshold an upload becomes
 * CreateMultipartUpload + 8 MiB UploadParts + CompleteMultipartUpload (aborted on failure), and a download
 * becomes ranged GETs; a progress line is drawn after every part. Ctrl-C (`signal`) stops either between or
 * during parts: an upload is then aborted (AbortMultipartUpload), as aws-cli does, so no object and no
 * in-progress upload remain.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3'
import { concat } from '../../../crypto/bytes'
import { checkInterrupt } from '../../interrupt'
import { send } from '../send'
import { humanReadableSize } from './paths'

/** aws-cli's defaults: multipart_threshold and multipart_chunksize are both 8 MB (MiB). */
export const MULTIPART_THRESHOLD = 8 * 1024 * 1024
export const PART_SIZE = 8 * 1024 * 1024

export type Progress = (done: number, total: number) => void

/** The "Completed ... with 1 file(s) remaining" line aws-cli redraws while a file moves. */
export function progressText(done: number, total: number, started: number): string {
  const seconds = Math.max((performance.now() - started) / 1000, 0.001)
  return `Completed ${humanReadableSize(done)}/${humanReadableSize(total)} (${humanReadableSize(Math.round(done / seconds))}/s) with 1 file(s) remaining`
}

/**
 * A line redrawn with \r must fit on one row, or each redraw leaves a wrapped piece behind: in a terminal narrower
 * than the line, it is cut after the last whole word that fits. Unknown width (a pipe, a test): unchanged.
 */
export function fitLine(text: string, columns: number | undefined): string {
  if (!columns || text.length < columns) return text
  const cut = text.lastIndexOf(' ', columns - 1)
  return text.slice(0, cut > 0 ? cut : columns - 1)
}

const SSE_C_KEYS = ['SSECustomerAlgorithm', 'SSECustomerKey'] as const

export async function multipartUpload(
  s3: S3Client,
  target: { Bucket: string; Key: string },
  body: Uint8Array,
  params: { contentType?: string; sse: Record<string, unknown>; checksums: boolean },
  progress: Progress,
  signal?: AbortSignal,
): Promise<void> {
  // Without the signal: an upload created after Ctrl-C would go unseen, and so never be aborted.
  const { UploadId } = await send(
    s3,
    'CreateMultipartUpload',
    new CreateMultipartUploadCommand({
      ...target,
      ...(params.contentType ? { ContentType: params.contentType } : {}),
      ...(params.checksums ? { ChecksumAlgorithm: 'CRC32' } : {}),
      ...params.sse,
    }),
  )
  // UploadPart takes only the SSE-C trio again; S3 remembers the rest from the initiate request.
  const sseC = Object.fromEntries(SSE_C_KEYS.filter((k) => params.sse[k] !== undefined).map((k) => [k, params.sse[k]]))
  try {
    const parts: CompletedPart[] = []
    for (let offset = 0, n = 1; offset < body.length; offset += PART_SIZE, n++) {
      checkInterrupt(signal)
      const out = await send(
        s3,
        'UploadPart',
        new UploadPartCommand({
          ...target,
          UploadId,
          PartNumber: n,
          Body: body.subarray(offset, offset + PART_SIZE),
          ...(params.checksums ? { ChecksumAlgorithm: 'CRC32' } : {}),
          ...sseC,
        }),
        signal,
      )
      parts.push({ PartNumber: n, ETag: out.ETag, ...(out.ChecksumCRC32 ? { ChecksumCRC32: out.ChecksumCRC32 } : {}) })
      progress(Math.min(offset + PART_SIZE, body.length), body.length)
    }
    // The last moment Ctrl-C can still leave nothing behind: once sent, Complete makes the object.
    checkInterrupt(signal)
    await send(
      s3,
      'CompleteMultipartUpload',
      new CompleteMultipartUploadCommand({ ...target, UploadId, MultipartUpload: { Parts: parts }, ...sseC }),
    )
  } catch (error) {
    // Never with the signal: after Ctrl-C this is the cleanup that must still reach S3.
    await s3.send(new AbortMultipartUploadCommand({ ...target, UploadId })).catch(() => undefined)
    throw error
  }
}

/** Ranged GETs of PART_SIZE, each pinned to the ETag seen by HeadObject (If-Match), as aws-cli does. */
export async function rangedDownload(
  s3: S3Client,
  source: { Bucket: string; Key: string },
  size: number,
  etag: string | undefined,
  sseC: Record<string, unknown>,
  progress: Progress,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for (let offset = 0; offset < size; offset += PART_SIZE) {
    checkInterrupt(signal)
    const end = Math.min(offset + PART_SIZE, size) - 1
    const out = await send(
      s3,
      'GetObject',
      new GetObjectCommand({ ...source, Range: `bytes=${offset}-${end}`, ...(etag ? { IfMatch: etag } : {}), ...sseC }),
      signal,
    )
    chunks.push(out.Body ? await out.Body.transformToByteArray() : new Uint8Array())
    checkInterrupt(signal)
    progress(end + 1, size)
  }
  return concat(...chunks)
}

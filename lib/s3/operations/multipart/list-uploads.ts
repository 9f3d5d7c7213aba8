/** ListParts and ListMultipartUploads. */
import { invalidArgument } from '../../errors'
import type { Upload, UploadedPart } from '../../model'
import type { S3State } from '../../state'
import { compareUtf8 } from '../list-objects'
import { findUpload } from './uploads'

export interface ListPartsInput {
  bucket: string
  key: string
  uploadId: string
  maxParts?: string
  partNumberMarker?: string
}

export interface ListPartsResult {
  upload: Upload
  parts: UploadedPart[]
  maxParts: number
  marker: number
  isTruncated: boolean
  nextMarker?: number
}

const limit = (text: string | undefined, name: string): number => {
  if (text === undefined) return 1000
  if (!/^\d+$/.test(text)) throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, text)
  return Math.min(Number(text), 1000)
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
export function listParts(s3: S3State, input: ListPartsInput): ListPartsResult {
  const { upload } = findUpload(s3, input.bucket, input.key, input.uploadId)
  const maxParts = limit(input.maxParts, 'max-parts')
  const marker = input.partNumberMarker !== undefined ? Number(input.partNumberMarker) || 0 : 0
  const all = [...upload.parts.values()]
    .filter((p) => p.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber)
  const parts = all.slice(0, maxParts)
  const isTruncated = all.length > parts.length
  return {
    upload,
    parts,
    maxParts,
    marker,
    isTruncated,
    ...(parts.length ? { nextMarker: parts.at(-1)!.partNumber } : {}),
  }
}

export interface ListUploadsInput {
  bucket: string
  prefix: string
  delimiter?: string
  keyMarker?: string
  uploadIdMarker?: string
  maxUploads?: string
}

export interface ListUploadsResult {
  uploads: Upload[]
  commonPrefixes: string[]
  maxUploads: number
  isTruncated: boolean
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html (by key, then by initiation time) */
export function listMultipartUploads(s3: S3State, input: ListUploadsInput): ListUploadsResult {
  const bucket = s3.bucket(input.bucket)
  const maxUploads = limit(input.maxUploads, 'max-uploads')
  const sorted = [...bucket.uploads.values()]
    .filter((u) => u.key.startsWith(input.prefix))
    .sort((a, b) => compareUtf8(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime())
  const markerIndex =
    input.keyMarker === undefined
      ? -1
      : sorted.findIndex(
          (u) => u.key === input.keyMarker && (input.uploadIdMarker === undefined || u.id === input.uploadIdMarker),
        )
  const after = sorted.filter((u, i) =>
    input.keyMarker === undefined
      ? true
      : input.uploadIdMarker === undefined
        ? compareUtf8(u.key, input.keyMarker) > 0
        : i > markerIndex && markerIndex >= 0,
  )
  const uploads: Upload[] = []
  const prefixes = new Set<string>()
  let isTruncated = false
  for (const u of after) {
    const rest = u.key.slice(input.prefix.length)
    const cut = input.delimiter ? rest.indexOf(input.delimiter) : -1
    const common = cut >= 0 ? input.prefix + rest.slice(0, cut + input.delimiter!.length) : undefined
    if (common !== undefined && prefixes.has(common)) continue
    if (uploads.length + prefixes.size >= maxUploads) {
      isTruncated = true
      break
    }
    if (common !== undefined) prefixes.add(common)
    else uploads.push(u)
  }
  return { uploads, commonPrefixes: [...prefixes], maxUploads, isTruncated }
}

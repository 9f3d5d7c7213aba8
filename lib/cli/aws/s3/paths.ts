/** S3 URIs and local paths as aws s3 commands see them. */
import type { FileSystem } from '../../shell/vfs'

export interface S3Uri {
  bucket: string
  key: string
}

export const isS3Uri = (path: string) => path.startsWith('s3://')

export function parseS3Uri(path: string): S3Uri {
  const rest = path.slice('s3://'.length)
  const slash = rest.indexOf('/')
  return slash < 0 ? { bucket: rest, key: '' } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) }
}

export const formatS3Uri = (u: S3Uri) => `s3://${u.bucket}/${u.key}`

/** awscli.customizations.s3.utils.relative_path: the directory relative to cwd, joined with the name. */
export function relativePath(vfs: FileSystem, path: string): string {
  const abs = vfs.resolve(path)
  const slash = abs.lastIndexOf('/')
  const dir = abs.slice(0, slash) || '/'
  const base = abs.slice(slash + 1)
  const from = vfs.cwd.split('/').filter(Boolean)
  const to = dir.split('/').filter(Boolean)
  let common = 0
  while (common < from.length && common < to.length && from[common] === to[common]) common++
  const rel = [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/') || '.'
  return `${rel}/${base}`
}

/** Python's mimetypes.guess_type for the extensions learners use; aws-cli sets Content-Type from it. */
const MIME: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  csv: 'text/csv',
  js: 'text/javascript',
  json: 'application/json',
  xml: 'text/xml',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  zip: 'application/zip',
  gz: 'application/gzip',
  md: 'text/markdown',
  pem: 'application/x-pem-file',
  bin: 'application/octet-stream',
  mp4: 'video/mp4',
}

export function guessContentType(path: string): string | undefined {
  const dot = path.lastIndexOf('.')
  return dot > path.lastIndexOf('/') && dot >= 0 ? MIME[path.slice(dot + 1).toLowerCase()] : undefined
}

/** awscli.customizations.s3.utils.human_readable_size */
export function humanReadableSize(value: number): string {
  if (value === 1) return '1 Byte'
  if (value < 1024) return `${value} Bytes`
  const suffixes = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']
  for (let i = 0; i < suffixes.length; i++) {
    const unit = 1024 ** (i + 2)
    if (Math.round((value / unit) * 1024) < 1024) return `${((1024 * value) / unit).toFixed(1)} ${suffixes[i]}`
  }
  return `${value} Bytes`
}

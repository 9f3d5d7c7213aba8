/** General purpose bucket naming rules (S3 user guide, "Bucket naming rules"). */
import { S3Error } from './errors'

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-']
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']

export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be between 3 and 63 characters long'
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
    return 'may contain only lowercase letters, numbers, dots and hyphens, and must begin and end with a letter or number'
  if (name.includes('..')) return 'must not contain two adjacent periods'
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address'
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return 'must not start with a reserved prefix'
  if (RESERVED_SUFFIXES.some((s) => name.endsWith(s))) return 'must not end with a reserved suffix'
  return undefined
}

export function assertBucketName(name: string): void {
  if (bucketNameProblem(name))
    throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name })
}

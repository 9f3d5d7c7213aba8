/** The three documents the editors edit, and the API calls that read and write each (no SDK import: the panel's first load stays small). */
export type DocumentKind = 'bucket-encryption' | 'bucket-policy' | 'key-policy'

export const DOCUMENT_LABELS: Record<DocumentKind, { title: string; get: string; put: string }> = {
  'bucket-encryption': { title: 'Default encryption', get: 'GetBucketEncryption', put: 'PutBucketEncryption' },
  'bucket-policy': { title: 'Bucket policy', get: 'GetBucketPolicy', put: 'PutBucketPolicy' },
  'key-policy': { title: 'Key policy', get: 'GetKeyPolicy', put: 'PutKeyPolicy' },
}

/**
 * DeleteObjects: up to 1,000 keys (or versions) in one request, each deleted as DeleteObject would, each
 * with its own result (docs/fidelity.md, "DeleteObjects").
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
import { S3Error } from '../errors'
import { isDeleteMarker } from '../model'
import type { S3State } from '../state'
import { versionIdOf } from '../versions'
import { deleteObject } from './get-object'

export const MAX_DELETE_KEYS = 1000

export interface DeleteTarget {
  key: string
  versionId?: string
}

export type DeleteResult =
  | { key: string; versionId?: string; deleteMarker?: boolean; deleteMarkerVersionId?: string }
  | { key: string; versionId?: string; error: { code: string; message: string } }

/**
 * Deletes each target in turn; `allowed` checks the caller may delete it (the bucket policy, key by key).
 * A failure is that key's result, never the request's.
 */
export async function deleteObjects(
  s3: S3State,
  bucket: string,
  targets: DeleteTarget[],
  allowed: (target: DeleteTarget) => Promise<void>,
): Promise<DeleteResult[]> {
  s3.bucket(bucket)
  const results: DeleteResult[] = []
  for (const t of targets) {
    const id = t.versionId !== undefined ? { versionId: t.versionId } : {}
    try {
      await allowed(t)
      const { marker, target } = deleteObject(s3, bucket, t.key, t.versionId)
      const markerId = marker ? versionIdOf(marker) : target && isDeleteMarker(target) ? versionIdOf(target) : undefined
      results.push({
        key: t.key,
        ...id,
        ...(markerId !== undefined ? { deleteMarker: true, deleteMarkerVersionId: markerId } : {}),
      })
    } catch (e) {
      if (!(e instanceof S3Error)) throw e
      results.push({ key: t.key, ...id, error: { code: e.code, message: e.message } })
    }
  }
  return results
}

import { isDeleteMarker } from './model'
import type { S3State } from './state'
import { allVersions } from './versions'

/** Every blob id the state names: every version's parts and uploads' parts (what a save must keep). */
export function referencedBlobs(s3: S3State): Set<string> {
  const ids = new Set<string>()
  for (const bucket of s3.buckets.values()) {
    for (const o of allVersions(bucket)) if (!isDeleteMarker(o)) for (const p of o.sealed.parts) ids.add(p.blob)
    for (const u of bucket.uploads.values()) for (const p of u.parts.values()) ids.add(p.body.blob)
  }
  return ids
}

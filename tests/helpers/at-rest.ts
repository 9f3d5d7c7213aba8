/** Reaching the stored (sealed) bytes of an object in the in-memory blob store, to inspect or damage them. */
import type { Emulator } from '@/lib/emulator/create-emulator'
import { bytesReader, openPartRange } from '@/lib/s3/at-rest-format'
import { MemoryBlobStore } from '@/lib/s3/blob-store'
import type { StoredPart } from '@/lib/s3/model'
import type { DataKeys } from '@/lib/s3/at-rest-format'

export function memoryBlobs(emulator: Emulator): MemoryBlobStore {
  const blobs = emulator.s3.blobs
  if (!(blobs instanceof MemoryBlobStore)) throw new Error('this test needs the in-memory blob store')
  return blobs
}

/** A copy of a part's stored bytes (sealed segments back to back). */
export const storedBytes = (emulator: Emulator, part: StoredPart): Uint8Array =>
  memoryBlobs(emulator).readAll(part.blob).slice()

/** Changes a part's stored bytes in place, as damage on the disk would. */
export function damage(emulator: Emulator, part: StoredPart, change: (bytes: Uint8Array) => Uint8Array | void): void {
  const bytes = storedBytes(emulator, part)
  memoryBlobs(emulator).replace(part.blob, change(bytes) ?? bytes)
}

/** Opens sealed bytes directly with the at-rest format (throws DecryptionFailed when they do not open). */
export async function openSealed(
  keys: DataKeys,
  part: StoredPart,
  arn: string,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  const pieces: Uint8Array[] = []
  for await (const p of openPartRange(keys, part, arn, bytesReader(sealed), 0, part.size - 1)) pieces.push(p)
  return new Uint8Array(Buffer.concat(pieces))
}

/**
 * Stored parts (lib/state/stored-parts.ts) as IndexedDB records beside the saved document (browser only):
 * `part:NAME` holds the bytes, or, above PIECE bytes (Chromium refuses one value above about 133 MB), a
 * manifest `{ pieces, size }` with the bytes under `part:NAME#0`, `part:NAME#1`…
 */
import type { PartsWrite } from '@/lib/state/stored-parts'

export const PIECE = 32 * 1024 * 1024
const PREFIX = 'part:'
const ALL = IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`)

interface Manifest {
  pieces: number
  size: number
}
const isManifest = (v: unknown): v is Manifest =>
  typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && typeof (v as Manifest).pieces === 'number'
/** `part:NAME#3` → NAME; `part:NAME` → NAME. */
const nameOf = (key: string) => key.slice(PREFIX.length).replace(/#\d+$/, '')

/** In the transaction: writes the new parts and deletes every part the save no longer names. */
export function writeParts(store: IDBObjectStore, write: PartsWrite): void {
  const keys = store.getAllKeys(ALL)
  keys.onsuccess = () => {
    for (const key of keys.result as string[])
      if (!write.keep.has(nameOf(key)) || write.add.has(nameOf(key))) store.delete(key)
    for (const [name, bytes] of write.add) {
      if (bytes.length <= PIECE) {
        store.put(bytes, PREFIX + name)
        continue
      }
      const pieces = Math.ceil(bytes.length / PIECE)
      for (let i = 0; i < pieces; i++) store.put(bytes.slice(i * PIECE, (i + 1) * PIECE), `${PREFIX}${name}#${i}`)
      store.put({ pieces, size: bytes.length } satisfies Manifest, PREFIX + name)
    }
  }
}

export function deleteParts(store: IDBObjectStore): void {
  store.delete(ALL)
}

/** Every stored part, whole. A part with a missing or short piece is left out: the save that names it then reads as damaged. */
export function readParts(store: IDBObjectStore): Promise<Map<string, Uint8Array>> {
  return new Promise((resolve, reject) => {
    const values = new Map<string, unknown>()
    const cursor = store.openCursor(ALL)
    cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB read failed'))
    cursor.onsuccess = () => {
      const c = cursor.result
      if (c) {
        values.set(String(c.key), c.value)
        c.continue()
        return
      }
      const parts = new Map<string, Uint8Array>()
      for (const [key, value] of values) {
        if (key.includes('#')) continue
        if (value instanceof Uint8Array) parts.set(nameOf(key), value)
        else if (isManifest(value)) {
          const pieces = Array.from({ length: value.pieces }, (_, i) => values.get(`${key}#${i}`))
          if (!pieces.every((p): p is Uint8Array => p instanceof Uint8Array)) continue
          const whole = new Uint8Array(value.size)
          let at = 0
          for (const p of pieces) {
            if (at + p.length > whole.length) break
            whole.set(p, at)
            at += p.length
          }
          if (at === value.size) parts.set(nameOf(key), whole)
        }
      }
      resolve(parts)
    }
  })
}

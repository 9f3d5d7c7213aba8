/**
 * Long text in IndexedDB (browser only). Chromium refuses a single value above about 133 MB, and a
 * playground holding a 100 MiB file and its object saves as about 270 MB of JSON. Text up to CHUNK
 * characters is stored as it is, under its key (what earlier versions wrote, and what tests read); longer
 * text becomes a manifest `{ chunks, length }` under the key and the pieces under `key#0`, `key#1`…
 */
export const CHUNK = 32 * 1024 * 1024

interface Manifest {
  chunks: number
  length: number
}

const isManifest = (v: unknown): v is Manifest =>
  typeof v === 'object' && v !== null && typeof (v as Manifest).chunks === 'number'
const pieces = (key: string) => IDBKeyRange.bound(`${key}#`, `${key}#\uffff`)

/** Writes `text` under `key` in the transaction's store, replacing any earlier pieces. */
export function writeText(store: IDBObjectStore, key: string, text: string): void {
  store.delete(pieces(key))
  if (text.length <= CHUNK) {
    store.put(text, key)
    return
  }
  const chunks = Math.ceil(text.length / CHUNK)
  for (let i = 0; i < chunks; i++) store.put(text.slice(i * CHUNK, (i + 1) * CHUNK), `${key}#${i}`)
  store.put({ chunks, length: text.length } satisfies Manifest, key)
}

export function deleteText(store: IDBObjectStore, key: string): void {
  store.delete(pieces(key))
  store.delete(key)
}

const request = <T>(r: IDBRequest): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result as T)
    r.onerror = () => reject(r.error ?? new Error('IndexedDB read failed'))
  })

/**
 * The value under `key`: text (joined from its pieces), or whatever else is stored there, as it is (a
 * damaged record is for the caller to judge). A missing piece gives text that names it, which no parser
 * accepts, so the learner sees why.
 */
export async function readText(store: IDBObjectStore, key: string): Promise<unknown> {
  const value = await request<unknown>(store.get(key))
  if (!isManifest(value)) return value
  const parts = await Promise.all(
    Array.from({ length: value.chunks }, (_, i) => request<unknown>(store.get(`${key}#${i}`))),
  )
  const missing = parts.findIndex((p) => typeof p !== 'string')
  if (missing >= 0) return `damaged: piece ${missing} of ${value.chunks} of the saved text is missing`
  const text = (parts as string[]).join('')
  return text.length === value.length
    ? text
    : `damaged: the saved text is ${text.length} characters, not ${value.length}`
}

/**
 * The one IndexedDB record that holds the saved playground, as JSON text (browser only). Text, not a
 * structured clone, so a damaged record is detected by the same parser that reads exported files.
 */
import type { PartsWrite } from '@/lib/state/stored-parts'
import { deleteText, readText, writeText } from './chunked-text'
import { deleteParts, readParts, writeParts } from './stored-parts-idb'

const DB = 's3-encryption-playground'
const STORE = 'state'
const KEY = 'playground'

export interface RecordStore {
  get(): Promise<unknown>
  /** Replaces the record and, when given, the stored parts, in one transaction: all of it or none. */
  put(text: string, parts?: PartsWrite): Promise<void>
  delete(): Promise<void>
  /** A store that keeps parts (incremental saves): the record and its parts, read in one transaction. */
  getWithParts?(): Promise<{ record: unknown; parts: Map<string, Uint8Array> }>
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'))
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'))
  })
}

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest | undefined): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        // Strict: a save is on disk when it completes, so a crash right after a command's output cannot lose it.
        const tx = db.transaction(STORE, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined)
        const request = act(tx.objectStore(STORE))
        tx.oncomplete = () => {
          db.close()
          resolve(request?.result as T)
        }
        tx.onerror = tx.onabort = () => {
          db.close()
          reject(tx.error ?? new Error('IndexedDB transaction failed'))
        }
      }),
  )
}

/** Reads the record, whole (long saves are kept in pieces: chunked-text.ts), and, if asked, the parts stored beside it. */
function read(withParts: boolean): Promise<{ record: unknown; parts: Map<string, Uint8Array> }> {
  return open().then(
    (db) =>
      new Promise<{ record: unknown; parts: Map<string, Uint8Array> }>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readonly')
        let record: unknown
        let parts = new Map<string, Uint8Array>()
        readText(tx.objectStore(STORE), KEY).then((v) => (record = v), reject)
        if (withParts) readParts(tx.objectStore(STORE)).then((p) => (parts = p), reject)
        tx.oncomplete = () => {
          db.close()
          resolve({ record, parts })
        }
        tx.onerror = tx.onabort = () => {
          db.close()
          reject(tx.error ?? new Error('IndexedDB transaction failed'))
        }
      }),
  )
}

export const idbStore: RecordStore = {
  get: () => read(false).then((r) => r.record),
  getWithParts: () => read(true),
  put: (text, parts) =>
    run('readwrite', (s) => {
      writeText(s, KEY, text)
      // A save without parts (an import, a checkpoint restored elsewhere) is self-contained: drop them all.
      if (parts) writeParts(s, parts)
      else deleteParts(s)
      return undefined
    }),
  delete: () =>
    run('readwrite', (s) => {
      deleteText(s, KEY)
      deleteParts(s)
      return undefined
    }),
}

/** Names for tests and tools that look at the record directly. */
export const IDB_NAMES = { DB, STORE, KEY }

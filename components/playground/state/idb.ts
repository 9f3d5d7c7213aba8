/**
 * The one IndexedDB record that holds the saved playground, as JSON text (browser only). Text, not a
 * structured clone, so a damaged record is detected by the same parser that reads exported files.
 */
import { deleteText, readText, writeText } from './chunked-text'

const DB = 's3-encryption-playground'
const STORE = 'state'
const KEY = 'playground'

export interface RecordStore {
  get(): Promise<unknown>
  put(text: string): Promise<void>
  delete(): Promise<void>
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
        const tx = db.transaction(STORE, mode)
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

/** Reads the record, whole (long saves are kept in pieces: chunked-text.ts). */
function read(): Promise<unknown> {
  return open().then(
    (db) =>
      new Promise<unknown>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readonly')
        let value: unknown
        readText(tx.objectStore(STORE), KEY).then((v) => (value = v), reject)
        tx.oncomplete = () => {
          db.close()
          resolve(value)
        }
        tx.onerror = tx.onabort = () => {
          db.close()
          reject(tx.error ?? new Error('IndexedDB transaction failed'))
        }
      }),
  )
}

export const idbStore: RecordStore = {
  get: read,
  put: (text) => run('readwrite', (s) => (writeText(s, KEY, text), undefined)),
  delete: () => run('readwrite', (s) => (deleteText(s, KEY), undefined)),
}

/** Names for tests and tools that look at the record directly. */
export const IDB_NAMES = { DB, STORE, KEY }

/**
 * The one IndexedDB record that holds the saved playground, as JSON text (browser only). Text, not a
 * structured clone, so a damaged record is detected by the same parser that reads exported files.
 */
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

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode)
        const request = act(tx.objectStore(STORE))
        tx.oncomplete = () => {
          db.close()
          resolve(request.result as T)
        }
        tx.onerror = tx.onabort = () => {
          db.close()
          reject(tx.error ?? new Error('IndexedDB transaction failed'))
        }
      }),
  )
}

export const idbStore: RecordStore = {
  get: () => run('readonly', (s) => s.get(KEY)),
  put: (text) => run('readwrite', (s) => s.put(text, KEY)),
  delete: () => run('readwrite', (s) => s.delete(KEY)),
}

/** Names for tests and tools that look at the record directly. */
export const IDB_NAMES = { DB, STORE, KEY }

/**
 * Checkpoints in IndexedDB, in their own database beside the saved playground (browser only): the list
 * (`meta`) apart from the save texts (`text`), so listing never reads every snapshot.
 */
import type { CheckpointMeta, CheckpointStore } from '@/lib/state/checkpoints'
import { deleteText, readText, writeText } from './chunked-text'

const DB = 's3-encryption-playground-checkpoints'
const META = 'meta'
const TEXT = 'text'

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1)
    request.onupgradeneeded = () => {
      for (const name of [META, TEXT])
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name)
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'))
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'))
  })
}

function run<T>(
  stores: string[],
  mode: IDBTransactionMode,
  act: (tx: IDBTransaction) => IDBRequest | void,
): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(stores, mode)
        const request = act(tx)
        tx.oncomplete = () => {
          db.close()
          resolve((request ? request.result : undefined) as T)
        }
        tx.onerror = tx.onabort = () => {
          db.close()
          reject(tx.error ?? new Error('IndexedDB transaction failed'))
        }
      }),
  )
}

export const idbCheckpointStore: CheckpointStore = {
  list: () => run<CheckpointMeta[]>([META], 'readonly', (tx) => tx.objectStore(META).getAll()),
  get: async (id) => {
    let value: unknown
    await run([TEXT], 'readonly', (tx) => void readText(tx.objectStore(TEXT), id).then((v) => (value = v)))
    return typeof value === 'string' ? value : undefined
  },
  put: (meta, text) =>
    run([META, TEXT], 'readwrite', (tx) => {
      writeText(tx.objectStore(TEXT), meta.id, text)
      tx.objectStore(META).put(meta, meta.id)
    }),
  delete: (id) =>
    run([META, TEXT], 'readwrite', (tx) => {
      deleteText(tx.objectStore(TEXT), id)
      tx.objectStore(META).delete(id)
    }),
}

/** Names for tests that read the checkpoints directly. */
export const CHECKPOINT_IDB = { DB, META, TEXT }

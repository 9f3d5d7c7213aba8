/**
 * Node's own MD5 and CRC32 when the core runs in Node (the emulator's server, the CLI in a terminal, the
 * tests), looked up at run time so that nothing here imports a Node module: in the browser both are
 * undefined and the portable code runs. In Node they are 10–20× faster than the JavaScript ones, which
 * was most of the Node server's CPU time for 1 MiB objects (docs/benchmarks.md).
 */
interface NodeHash {
  update(data: Uint8Array): NodeHash
  digest(): Uint8Array
}
interface NodeModules {
  'node:crypto': { createHash(algorithm: string): NodeHash }
  'node:zlib': { crc32?: (data: Uint8Array, value?: number) => number }
}

const host = (
  globalThis as { process?: { getBuiltinModule?: <K extends keyof NodeModules>(id: K) => NodeModules[K] | undefined } }
).process
// getBuiltinModule exists from Node 20.16; older Nodes and browsers keep the portable code.
const builtin = <K extends keyof NodeModules>(id: K): NodeModules[K] | undefined =>
  typeof host?.getBuiltinModule === 'function' ? host.getBuiltinModule(id) : undefined

const nodeCrypto = builtin('node:crypto')

/** A digest from node:crypto as a plain Uint8Array (not a Buffer), or undefined outside Node. */
export const nativeHash = nodeCrypto
  ? (algorithm: 'md5' | 'sha1' | 'sha256' | 'sha512', data: Uint8Array): Uint8Array => {
      const d = nodeCrypto.createHash(algorithm).update(data).digest()
      return new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
    }
  : undefined

/** zlib's CRC32 (Node 20.15+), continuing from `value` when given; undefined elsewhere. */
export const nativeCrc32 = builtin('node:zlib')?.crc32

/** An incremental node:crypto hash (for streamed bodies), or undefined outside Node. */
export const nativeHasher = nodeCrypto
  ? (algorithm: 'md5' | 'sha1' | 'sha256' | 'sha512') => {
      const h = nodeCrypto.createHash(algorithm)
      return {
        update: (data: Uint8Array) => void h.update(data),
        digest: (): Uint8Array => {
          const d = h.digest()
          return new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
        },
      }
    }
  : undefined

/**
 * A fault-injecting file system for persistence tests: wraps node:fs and node:fs/promises (use with
 * vi.mock) so that every call that changes the disk is a numbered "write point". At a chosen point it can
 * simulate a crash (that write is torn: half its bytes land; it and every later change fail, as if the
 * process had died there, while reads go on working) or a full disk (from that point until cleared, every
 * write lands half its bytes and fails with ENOSPC, every other change fails with ENOSPC). It wraps whatever
 * the code under test calls, so it covers any on-disk layout.
 */
import type * as FsPromises from 'node:fs/promises'

type Mode = { kind: 'pass' } | { kind: 'crash'; at: number } | { kind: 'enospc'; from: number }

export const faults = {
  mode: { kind: 'pass' } as Mode,
  /** Write points passed so far (counted in every mode). */
  count: 0,
  /** True once a crash was injected: nothing reaches the disk any more. */
  dead: false,
  /** What each write point was, for messages: "rename state.json.tmp". */
  log: [] as string[],
  /** Bytes handed to write calls that went through (write amplification). */
  bytes: 0,
  reset(mode: Mode = { kind: 'pass' }) {
    this.mode = mode
    this.count = 0
    this.bytes = 0
    this.dead = false
    this.log = []
  },
}

export class InjectedCrash extends Error {
  code = 'EINJECTEDCRASH'
}

const enospc = (what: string) =>
  Object.assign(new Error(`ENOSPC: no space left on device, ${what}`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: what.split(' ')[0],
  })

/** Called before each change to the disk: 'go', 'torn' (write half, then fail: a crash, or the disk filling up) or throws. */
function point(what: string): 'go' | 'torn' {
  if (faults.dead) throw new InjectedCrash(`after crash: ${what}`)
  faults.count++
  faults.log.push(what)
  const m = faults.mode
  if (m.kind === 'crash' && faults.count === m.at) {
    faults.dead = true
    return 'torn'
  }
  if (m.kind === 'enospc' && faults.count >= m.from) return 'torn'
  return 'go'
}

const WRITE_FLAGS = /[wa+]/
const size = (data: unknown) =>
  typeof data === 'string' ? Buffer.byteLength(data) : ((data as Uint8Array | undefined)?.byteLength ?? 0)
const base = (p: unknown) => String(p).split('/').slice(-2).join('/')
const half = (data: unknown): Uint8Array | string => {
  if (typeof data === 'string') return data.slice(0, Math.floor(data.length / 2))
  const bytes = data as Uint8Array
  return bytes.subarray(0, Math.floor(bytes.length / 2))
}
/** The error a torn write ends with: the crash, or ENOSPC when the disk is full. */
const crashed = (what: string) =>
  faults.dead ? new InjectedCrash(`crash injected at write point ${faults.count}: ${what}`) : enospc(what)

/** Ops whose only effect is the change: a torn one simply does not happen. */
function simple<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  return ((...args: Parameters<F>) => {
    const what = `${name} ${base(args[0])}`
    if (point(what) === 'torn') throw crashed(what)
    return fn(...args)
  }) as F
}

type Handle = Awaited<ReturnType<typeof FsPromises.open>>

function wrapHandle(handle: Handle, path: string): Handle {
  return new Proxy(handle, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown
      if (typeof value !== 'function') return value
      const name = String(prop)
      if (name === 'write' || name === 'writeFile' || name === 'appendFile') {
        return async (data: Uint8Array | string, ...rest: unknown[]) => {
          const what = `${name} ${base(path)}`
          if (point(what) === 'torn') {
            await (target[name as 'write'] as (...a: unknown[]) => Promise<unknown>).call(
              target,
              half(data),
              ...(name === 'write' && typeof data !== 'string' ? [0, half(data).length] : []),
            )
            throw crashed(what)
          }
          faults.bytes += size(data)
          return (value as (...a: unknown[]) => unknown).call(target, data, ...rest)
        }
      }
      if (['writev', 'sync', 'datasync', 'truncate', 'chmod'].includes(name)) {
        return (...args: unknown[]) => {
          const what = `${name} ${base(path)}`
          if (point(what) === 'torn') throw crashed(what)
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      }
      return (value as (...a: unknown[]) => unknown).bind(target)
    },
  })
}

export function faultyPromises(real: typeof FsPromises): typeof FsPromises {
  const wrapped: typeof FsPromises = {
    ...real,
    writeFile: (async (
      file: Parameters<typeof real.writeFile>[0],
      data: Parameters<typeof real.writeFile>[1],
      options?: Parameters<typeof real.writeFile>[2],
    ) => {
      const what = `writeFile ${base(file)}`
      if (point(what) === 'torn') {
        await real.writeFile(file, half(data) as string, options)
        throw crashed(what)
      }
      faults.bytes += size(data)
      return real.writeFile(file, data, options)
    }) as typeof real.writeFile,
    appendFile: simple('appendFile', real.appendFile),
    rename: simple('rename', real.rename),
    unlink: simple('unlink', real.unlink),
    rm: simple('rm', real.rm),
    rmdir: simple('rmdir', real.rmdir),
    mkdir: simple('mkdir', real.mkdir),
    copyFile: simple('copyFile', real.copyFile),
    truncate: simple('truncate', real.truncate),
    open: (async (path: Parameters<typeof real.open>[0], flags?: string | number, mode?: number) => {
      const writing = typeof flags === 'number' || WRITE_FLAGS.test(flags ?? 'r')
      if (writing && point(`open ${base(path)}`) === 'torn') throw crashed(`open ${base(path)}`)
      const handle = await real.open(path, flags, mode)
      return writing ? wrapHandle(handle, String(path)) : handle
    }) as typeof real.open,
  }
  // `import fs from 'node:fs/promises'` gets the same wrapped functions.
  return Object.assign(wrapped, { default: wrapped })
}

type Fs = typeof import('node:fs')

export function faultyFs(real: Fs): Fs {
  const syncWrite = (name: 'writeFileSync' | 'appendFileSync') =>
    ((
      file: Parameters<Fs['writeFileSync']>[0],
      data: Parameters<Fs['writeFileSync']>[1],
      options?: Parameters<Fs['writeFileSync']>[2],
    ) => {
      const what = `${name} ${base(file)}`
      if (point(what) === 'torn') {
        real[name](file, half(data as string | Uint8Array) as string, options)
        throw crashed(what)
      }
      faults.bytes += size(data)
      return real[name](file, data as string | Uint8Array, options)
    }) as Fs['writeFileSync']
  const promises = faultyPromises(real.promises)
  return {
    ...real,
    promises,
    writeFileSync: syncWrite('writeFileSync'),
    appendFileSync: syncWrite('appendFileSync'),
    renameSync: simple('renameSync', real.renameSync),
    unlinkSync: simple('unlinkSync', real.unlinkSync),
    rmSync: simple('rmSync', real.rmSync),
    mkdirSync: simple('mkdirSync', real.mkdirSync),
    copyFileSync: simple('copyFileSync', real.copyFileSync),
    truncateSync: simple('truncateSync', real.truncateSync),
    fsyncSync: simple('fsyncSync', real.fsyncSync),
    openSync: ((
      path: Parameters<Fs['openSync']>[0],
      flags?: Parameters<Fs['openSync']>[1],
      mode?: Parameters<Fs['openSync']>[2],
    ) => {
      const writing = typeof flags === 'number' || WRITE_FLAGS.test(String(flags ?? 'r'))
      if (writing && point(`openSync ${base(path)}`) === 'torn') throw crashed(`openSync ${base(path)}`)
      return real.openSync(path, flags ?? 'r', mode)
    }) as Fs['openSync'],
    writeSync: ((fd: number, data: Uint8Array | string, ...rest: unknown[]) => {
      const what = `writeSync fd ${fd}`
      if (point(what) === 'torn') {
        if (typeof data === 'string') real.writeSync(fd, half(data) as string)
        else real.writeSync(fd, half(data) as Uint8Array)
        throw crashed(what)
      }
      faults.bytes += size(data)
      return (real.writeSync as (...a: unknown[]) => number)(fd, data, ...rest)
    }) as Fs['writeSync'],
  }
}

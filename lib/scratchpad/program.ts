/**
 * Running a scratchpad program: the compiler options its TypeScript is emitted with, and the CommonJS-style
 * wrapper that gives it `require` for the SDK modules (preconfigured for the current target), `s3`, `kms`
 * and a console. Runs wherever it is called from; the page calls it only inside the scratchpad's worker.
 */

/** Compiler options for Monaco's TypeScript worker (and `ts.transpileModule` in the tests). */
export const SCRATCHPAD_COMPILER_OPTIONS = {
  target: 7, // ES2020 (Monaco's enum stops there); the worker's Chromium runs it natively
  module: 1, // CommonJS: imports become require() calls the wrapper answers
  esModuleInterop: true,
  strict: true,
  noEmitOnError: false,
  skipLibCheck: true,
  lib: ['es2020', 'dom'],
} as const

/**
 * Top-level `await` is how a scratchpad reads best; the program runs inside an async function, so the
 * CommonJS emit's "top-level await needs module es2022" errors (1375, 1378) do not apply.
 */
export const IGNORED_DIAGNOSTICS = [1375, 1378]

/** What user code sees in scope. */
export interface ProgramScope {
  require: (name: string) => unknown
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error'>
  [global: string]: unknown
}

/** Modules a program may import, by name. Anything else fails like Node's require does. */
export function makeRequire(modules: Record<string, unknown>): (name: string) => unknown {
  return (name: string) => {
    if (Object.hasOwn(modules, name)) return modules[name]
    const error = new Error(
      `Cannot find module '${name}'. The scratchpad provides: ${Object.keys(modules).join(', ')}.`,
    )
    error.name = 'ModuleNotFound'
    throw error
  }
}

type ClientClass = new (config?: object) => object

/**
 * The SDK module with its client class replaced by a subclass whose defaults are the current target:
 * `new S3Client({})` talks to the emulator (or the chosen real target), and any option the program passes wins.
 */
export function preconfigured<M extends Record<string, unknown>>(module: M, clientName: string, defaults: object): M {
  const Base = module[clientName] as ClientClass
  const Configured = class extends Base {
    constructor(config: object = {}) {
      super({ ...defaults, ...config })
    }
  }
  Object.defineProperty(Configured, 'name', { value: clientName })
  return { ...module, [clientName]: Configured }
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>

/** Runs emitted JavaScript with the scope's names as its free variables. Resolves when its top level finishes. */
export async function runProgram(js: string, scope: ProgramScope): Promise<unknown> {
  const names = ['exports', 'module', ...Object.keys(scope)]
  const commonJs = { exports: {} as Record<string, unknown> }
  const body = new AsyncFunction(...names, `"use strict";\n${js}\n//# sourceURL=scratchpad.js`)
  return body(commonJs.exports, commonJs, ...Object.values(scope))
}

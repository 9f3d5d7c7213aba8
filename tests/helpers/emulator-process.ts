/**
 * The real `npm run emulator` (scripts/emulator.mts) as a child process on port 0, and plain HTTP calls to
 * it that can kill it with SIGKILL the instant a status line arrives (the crash tests of --data-dir).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'

export interface EmulatorProcess {
  port: number
  child: ChildProcess
  /** Everything the process wrote to stderr so far. */
  stderr(): string
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running = new Set<ChildProcess>()

/** Kills every process started here that is still running (afterEach). */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  running.clear()
}

/** Starts the emulator; resolves once it listens, rejects with its output if it exits first. */
export function startEmulator(args: string[]): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/emulator.mts', '--port', '0', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let out = ''
  let err = ''
  child.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child)
      resolve({ code, signal })
    }),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}${err}`)), 30_000)
    child.stdout!.on('data', (d) => {
      out += d
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ port: Number(m[1]), child, stderr: () => err, exited })
      }
    })
    void exited.then(({ code }) => {
      clearTimeout(timer)
      reject(Object.assign(new Error(`emulator exited with ${code}: ${out}${err}`), { code, stderr: err }))
    })
  })
}

export interface Answer {
  status: number
  body: Buffer
  headers: Record<string, string | string[] | undefined>
}

/**
 * One HTTP request. `onStatus` runs the moment the status line and headers arrive, before the body is read
 * (e.g. to SIGKILL the server there). Rejects when the connection fails (the server died).
 */
export function call(
  port: number,
  method: string,
  path: string,
  body?: Uint8Array | string,
  headers: Record<string, string> = {},
  onStatus?: (status: number) => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      onStatus?.(res.statusCode!)
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks), headers: res.headers }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** A KMS call (JSON 1.1 protocol, unsigned: the server does not check signatures unless --strict). */
export async function kmsCall(port: number, operation: string, input: object, onStatus?: (status: number) => void) {
  const answer = await call(
    port,
    'POST',
    '/',
    JSON.stringify(input),
    { 'x-amz-target': `TrentService.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    onStatus,
  )
  return { status: answer.status, json: JSON.parse(answer.body.toString() || '{}') as Record<string, unknown> }
}

/** `tsx scripts/emulator.mts` as a child process on a free loopback port: the CLI's own defaults, as users get them. */
import { spawn, type ChildProcess } from 'node:child_process'

export interface SpawnedEmulator {
  endpoint: string
  port: number
  output: () => string
  stop(): Promise<void>
}

export function spawnEmulator(args: string[]): Promise<SpawnedEmulator> {
  const child: ChildProcess = spawn('node_modules/.bin/tsx', ['scripts/emulator.mts', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the emulator did not start:\n${output}`))
    }, 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /listening on https?:\/\/[^:\s]+:(\d+)/.exec(output)
      if (!m) return
      clearTimeout(timer)
      const port = Number(m[1])
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        port,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the emulator exited (${code}):\n${output}`))
    })
  })
}

/** The real aws CLI against an emulator's HTTP host, isolated from the user's ~/.aws and AWS_* variables. */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Ran {
  code: number
  stdout: string
  stderr: string
}

export const awsHome = mkdtempSync(join(tmpdir(), 's3-playground-aws-home-'))
export const awsEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
  NODE_ENV: process.env.NODE_ENV,
  HOME: awsHome,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
}

const candidates = process.env.AWS_CLI
  ? [process.env.AWS_CLI]
  : existsSync('/usr/bin/aws')
    ? ['/usr/bin/aws', 'aws']
    : ['aws']

/** aws-cli v2 at /usr/bin/aws when it exists, else `aws` on PATH, else AWS_CLI; undefined when none works. */
export function findAws(): { command: string; version: string; major: number } | undefined {
  for (const command of candidates) {
    const r = spawnSync(command, ['--version'], { encoding: 'utf8', env: awsEnv })
    const m = /aws-cli\/((\d+)\.\S+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)
    if (r.status === 0 && m) return { command, version: m[1]!, major: Number(m[2]) }
  }
  return undefined
}

/** Runs the CLI asynchronously (the emulator answers from this same process, so never block it). */
export function runAws(command: string, endpoint: string, cwd: string, line: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['--endpoint-url', endpoint, ...line],
      { cwd, env: awsEnv, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      },
    )
  })
}

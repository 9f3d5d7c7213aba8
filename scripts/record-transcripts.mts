/**
 * Records what the real aws-cli prints for every line of tests/conformance/cases.ts, against the emulator's
 * HTTP host, into tests/conformance/transcripts.json (masked). CI replays them with the simulated CLI
 * without needing aws-cli. Re-run after changing the cases:  npx tsx scripts/record-transcripts.mts
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulatorServer, listen } from '../lib/adapters/node-http/server'
import { createEmulator } from '../lib/emulator/create-emulator'
import { emulatorTarget } from '../lib/sdk/clients'
import { SCENARIOS } from '../tests/conformance/cases'
import { mask } from '../tests/conformance/mask'

const AWS = process.env.AWS_CLI ?? '/usr/bin/aws'
const version = execFileSync(AWS, ['--version'], { encoding: 'utf8' }).trim()
const credentials = emulatorTarget().credentials

function run(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const recorded = []
for (const scenario of SCENARIOS) {
  const server = createEmulatorServer(createEmulator())
  const port = await listen(server, { port: 0, host: '127.0.0.1' })
  const cwd = mkdtempSync(join(tmpdir(), 'conformance-'))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: cwd,
    TZ: 'UTC',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
  }
  const results = []
  // Every `aws`, also inside $(...) and pipes, goes to this scenario's emulator.
  const prelude = `aws() { ${AWS} --endpoint-url http://127.0.0.1:${port} "$@"; }; `
  for (const line of scenario.lines) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line)
    // Asynchronously: the emulator answering these requests runs in this very process.
    if (assignment) {
      // Each line is its own bash, so variables are carried from line to line here.
      const r = await run(`${prelude}printf %s ${assignment[2]}`, cwd, env as NodeJS.ProcessEnv)
      ;(env as Record<string, string>)[assignment[1]!] = r.stdout
      results.push({ line, code: r.code, stdout: '', stderr: mask(r.stderr) })
      continue
    }
    const r = await run(prelude + line, cwd, env as NodeJS.ProcessEnv)
    results.push({ line, code: r.code, stdout: mask(r.stdout), stderr: mask(r.stderr) })
  }
  recorded.push({ scenario: scenario.name, results })
  await new Promise((resolve) => server.close(resolve))
}
const out = join(import.meta.dirname, '..', 'tests', 'conformance', 'transcripts.json')
writeFileSync(
  out,
  JSON.stringify({ cli: version, recorded: new Date().toISOString().slice(0, 10), scenarios: recorded }, null, 1) +
    '\n',
)
console.log(`recorded ${recorded.reduce((n, s) => n + s.results.length, 0)} lines with ${version} into ${out}`)

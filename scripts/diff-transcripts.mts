/**
 * `npx tsx scripts/diff-transcripts.mts [scenario-substring]`: replays the recorded aws-cli transcripts
 * with the simulated CLI and prints every line whose output differs, with both versions. The test
 * (tests/conformance) stops at the first difference; this shows them all while fixing the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSession } from '../lib/cli/session'
import { fromUtf8 } from '../lib/crypto/bytes'
import { emulatorTarget } from '../lib/sdk/clients'
import { startEmulator } from '../tests/helpers/server'
import { mask } from '../tests/conformance/mask'

const dir = join(import.meta.dirname, '..', 'tests', 'conformance')
const transcripts = JSON.parse(readFileSync(join(dir, 'transcripts.json'), 'utf8'))
const modelDir = join(dir, 'models-aws-cli-2.9')
const models = Object.fromEntries(
  readdirSync(modelDir).filter((f) => f !== 'commands.json').map((f) => [f === 's3.json' ? 's3api' : f.replace('.json', ''), JSON.parse(readFileSync(join(modelDir, f), 'utf8'))]),
)
const commands = JSON.parse(readFileSync(join(modelDir, 'commands.json'), 'utf8')).commands
const ordered = (line: string, out: string) => (/ --recursive| sync | --force/.test(line) ? out.split('\n').sort().join('\n') : out)

let differences = 0
for (const scenario of transcripts.scenarios) {
  if (process.argv[2] && !scenario.scenario.includes(process.argv[2])) continue
  const running = await startEmulator()
  const session = createSession({ target: { ...emulatorTarget(running.endpoint), checksums: 'WHEN_REQUIRED' }, timeZone: 'UTC' })
  session.shell.aws.models = models
  session.shell.aws.commands = commands
  for (const expected of scenario.results) {
    let stdout = ''
    let stderr = ''
    const code = await session.run(expected.line, { out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)), err: (t) => (stderr += t) })
    const got = { code, stdout: ordered(expected.line, mask(stdout)), stderr: mask(stderr) }
    const want = { ...expected, stdout: ordered(expected.line, expected.stdout) }
    if (got.code === want.code && got.stdout === want.stdout && got.stderr === want.stderr) continue
    differences++
    console.log(`\n### [${scenario.scenario}] ${expected.line}`)
    if (got.code !== want.code) console.log(`exit code: aws-cli ${want.code}, simulated ${got.code}`)
    if (got.stdout !== want.stdout) console.log(`stdout, aws-cli:\n${JSON.stringify(want.stdout)}\nstdout, simulated:\n${JSON.stringify(got.stdout)}`)
    if (got.stderr !== want.stderr) console.log(`stderr, aws-cli:\n${JSON.stringify(want.stderr)}\nstderr, simulated:\n${JSON.stringify(got.stderr)}`)
  }
  await running.close()
}
console.log(`\n${differences} line(s) differ`)

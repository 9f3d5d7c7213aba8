/**
 * Conformance: the simulated CLI prints what the real aws-cli 2.9 printed (stdout, stderr, exit code) for
 * every recorded line, masked for times, ids and rates. It replays with aws-cli 2.9's own API models and
 * its checksum behaviour, so differences are the CLI's, not the models' age (see docs/cli.md).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSession } from '@/lib/cli/session'
import type { ServiceModel } from '@/lib/cli/aws/model'
import { fromUtf8 } from '@/lib/crypto/bytes'
import { emulatorTarget } from '@/lib/sdk/clients'
import { startEmulator, type RunningEmulator } from '../helpers/server'
import { SCENARIOS } from './cases'
import { mask } from './mask'

interface Result {
  line: string
  code: number
  stdout: string
  stderr: string
}
const transcripts: { cli: string; scenarios: { scenario: string; results: Result[] }[] } = JSON.parse(readFileSync(join(import.meta.dirname, 'transcripts.json'), 'utf8'))

const modelDir = join(import.meta.dirname, 'models-aws-cli-2.9')
const models: Record<string, ServiceModel> = Object.fromEntries(
  readdirSync(modelDir).filter((f) => f !== 'commands.json').map((f) => {
    const service = f.replace('.json', '')
    return [service === 's3' ? 's3api' : service, JSON.parse(readFileSync(join(modelDir, f), 'utf8'))]
  }),
)

/** aws-cli transfers ten files at a time, so a tree's result lines arrive in any order: compare them sorted. */
const ordered = (line: string, out: string) => (/ --recursive| sync | --force/.test(line) ? out.split('\n').sort().join('\n') : out)

let running: RunningEmulator | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
})

describe(`the simulated CLI matches ${transcripts.cli}`, () => {
  for (const scenario of SCENARIOS) {
    const recorded = transcripts.scenarios.find((s) => s.scenario === scenario.name)
    it(`${scenario.name} (${scenario.lines.length} lines)`, async () => {
      expect(recorded?.results.map((r) => r.line), 'the recording is stale: run scripts/record-transcripts.mts').toEqual(scenario.lines)
      running = await startEmulator()
      const session = createSession({ target: { ...emulatorTarget(running.endpoint), checksums: 'WHEN_REQUIRED' }, timeZone: 'UTC' })
      session.shell.aws.models = models
      session.shell.aws.commands = JSON.parse(readFileSync(join(modelDir, 'commands.json'), 'utf8')).commands
      for (const expected of recorded!.results) {
        let stdout = ''
        let stderr = ''
        const code = await session.run(expected.line, { out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)), err: (t) => (stderr += t) })
        expect({ line: expected.line, code, stdout: ordered(expected.line, mask(stdout)), stderr: mask(stderr) }).toEqual({ ...expected, stdout: ordered(expected.line, expected.stdout) })
      }
    })
  }
})

/**
 * Replaying recorded aws-cli transcripts with the simulated CLI: the recordings, aws-cli 2.9's models and
 * command list, a session set up as aws-cli 2.9 behaves, and one line run and masked for comparison.
 * Used by the conformance test and by scripts/diff-transcripts.mts.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ServiceModel } from '../../lib/cli/aws/model'
import { createSession, type Session } from '../../lib/cli/session'
import { fromUtf8 } from '../../lib/crypto/bytes'
import { emulatorTarget } from '../../lib/sdk/clients'
import { mask } from './mask'

export interface Result {
  line: string
  code: number
  stdout: string
  stderr: string
}

export const transcripts: { cli: string; scenarios: { scenario: string; results: Result[] }[] } = JSON.parse(readFileSync(join(import.meta.dirname, 'transcripts.json'), 'utf8'))

const modelDir = join(import.meta.dirname, 'models-aws-cli-2.9')
const models: Record<string, ServiceModel> = Object.fromEntries(
  readdirSync(modelDir)
    .filter((f) => f !== 'commands.json')
    .map((f) => [f === 's3.json' ? 's3api' : f.replace('.json', ''), JSON.parse(readFileSync(join(modelDir, f), 'utf8'))]),
)
const commands: string[] = JSON.parse(readFileSync(join(modelDir, 'commands.json'), 'utf8')).commands

/** A session that behaves as aws-cli 2.9 did: its models and command list, no flexible checksums. */
export function replaySession(endpoint: string): Session {
  const session = createSession({ target: { ...emulatorTarget(endpoint), checksums: 'WHEN_REQUIRED' }, timeZone: 'UTC' })
  session.shell.aws.models = models
  session.shell.aws.commands = commands
  return session
}

/** aws-cli transfers ten files at a time, so a tree's result lines arrive in any order: compare them sorted. */
const ordered = (line: string, out: string) => (/ --recursive| sync | --force/.test(line) ? out.split('\n').sort().join('\n') : out)

/** Runs a recorded line; returns what the simulated CLI printed and what aws-cli printed, both comparable. */
export async function replayLine(session: Session, expected: Result): Promise<{ got: Result; want: Result }> {
  let stdout = ''
  let stderr = ''
  const code = await session.run(expected.line, { out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)), err: (t) => (stderr += t) })
  return {
    got: { line: expected.line, code, stdout: ordered(expected.line, mask(stdout)), stderr: mask(stderr) },
    want: { ...expected, stdout: ordered(expected.line, expected.stdout) },
  }
}

/**
 * Conformance: the simulated CLI prints what the real aws-cli 2.9 printed (stdout, stderr, exit code) for
 * every recorded line, masked for times, ids and rates. It replays with aws-cli 2.9's own API models and
 * its checksum behaviour, so differences are the CLI's, not the models' age (see docs/cli.md).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../helpers/server'
import { SCENARIOS } from './cases'
import { replayLine, replaySession, transcripts } from './replay'

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
      const session = replaySession(running.endpoint)
      for (const expected of recorded!.results) {
        const { got, want } = await replayLine(session, expected)
        expect(got).toEqual(want)
      }
    })
  }
})

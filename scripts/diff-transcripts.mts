/**
 * `npx tsx scripts/diff-transcripts.mts [scenario-substring]`: replays the recorded aws-cli transcripts
 * with the simulated CLI and prints every line whose output differs, with both versions. The test
 * (tests/conformance) stops at the first difference; this shows them all while fixing the CLI.
 */
import { startEmulator } from '../tests/helpers/server'
import { replayLine, replaySession, transcripts } from '../tests/conformance/replay'

let differences = 0
for (const scenario of transcripts.scenarios) {
  if (process.argv[2] && !scenario.scenario.includes(process.argv[2])) continue
  const running = await startEmulator()
  const session = replaySession(running.endpoint)
  for (const expected of scenario.results) {
    const { got, want } = await replayLine(session, expected)
    if (got.code === want.code && got.stdout === want.stdout && got.stderr === want.stderr) continue
    differences++
    console.log(`\n### [${scenario.scenario}] ${expected.line}`)
    if (got.code !== want.code) console.log(`exit code: aws-cli ${want.code}, simulated ${got.code}`)
    if (got.stdout !== want.stdout)
      console.log(`stdout, aws-cli:\n${JSON.stringify(want.stdout)}\nstdout, simulated:\n${JSON.stringify(got.stdout)}`)
    if (got.stderr !== want.stderr)
      console.log(`stderr, aws-cli:\n${JSON.stringify(want.stderr)}\nstderr, simulated:\n${JSON.stringify(got.stderr)}`)
  }
  await running.close()
}
console.log(`\n${differences} line(s) differ`)

/**
 * Property test: random and mutated command lines never throw out of the CLI. Each ends with an exit code
 * (an aws failure always with a message on stderr), and the terminal keeps working afterwards.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliAgainst } from '../helpers/cli'
import { startEmulator, type RunningEmulator } from '../helpers/server'
import { SCENARIOS } from '../conformance/cases'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
let running: RunningEmulator
let cli: ReturnType<typeof cliAgainst>

beforeAll(async () => {
  running = await startEmulator()
  cli = cliAgainst(running.endpoint)
  for (const line of ['aws s3 mb s3://fuzz-bucket', 'echo hello > f.txt', 'aws s3 cp f.txt s3://fuzz-bucket/f.txt'])
    await cli.run(line)
})
afterAll(() => running.close())

const VALID = SCENARIOS.flatMap((s) => s.lines).filter((l) => l.startsWith('aws'))
const CHARS = [...'abcs3:/-_.=,{}[]"\'$()|>&;\\ \t*?~`!#%^+@', 'é', '☃', '\u0000', '\n']

/** A valid line, then a few edits: characters dropped, inserted or changed, tokens swapped or repeated, the end cut off. */
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...CHARS), fc.integer({ min: 0, max: 4 })), { maxLength: 4 }),
  )
  .map(([line, edits]) => {
    let out = line
    for (const [at, ch, kind] of edits) {
      const i = out.length ? at % out.length : 0
      const words = out.split(' ')
      const w = words.length ? at % words.length : 0
      if (kind === 0) out = out.slice(0, i) + out.slice(i + 1)
      else if (kind === 1) out = out.slice(0, i) + ch + out.slice(i)
      else if (kind === 2) out = out.slice(0, i)
      else if (kind === 3) out = [...words.slice(0, w), words[w]!, ...words.slice(w)].join(' ')
      else out = [...words].reverse().join(' ')
    }
    return out
  })

const random = fc
  .array(
    fc.constantFrom(
      ...CHARS,
      'aws ',
      's3 ',
      's3api ',
      'kms ',
      '--bucket ',
      '--key ',
      'fuzz-bucket ',
      '--output ',
      'table ',
      '--query ',
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''))

describe('the CLI under random input', () => {
  it(`survives ${RUNS} random and mutated lines`, async () => {
    let ran = 0
    const codes = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, random), async (line) => {
        const r = await cli.run(line)
        ran++
        codes.set(r.code, (codes.get(r.code) ?? 0) + 1)
        expect(Number.isInteger(r.code) && r.code >= 0 && r.code <= 255).toBe(true)
        // aws-cli's silent failures (exit 1): `s3 ls` of an empty prefix, `configure get` of an unset value.
        const silentOk = r.code === 1 && /^\s*aws\s+(s3\s+ls|configure\s+get)\b/.test(line)
        if (r.code !== 0 && !silentOk && /^\s*aws(\s|$)/.test(line) && !/[|>;&$]/.test(line))
          expect(r.stderr.trim().length + r.stdout.trim().length).toBeGreaterThan(0)
      }),
      { numRuns: RUNS, seed: 20261128 },
    )
    expect(ran).toBe(RUNS)
    // The input reached every layer: successes, usage errors, service errors.
    expect([0, 252, 254].every((c) => (codes.get(c) ?? 0) > 0)).toBe(true)
    expect(
      (
        await cli.run(
          'aws s3api head-object --bucket fuzz-bucket --key f.txt --query ServerSideEncryption --output text',
        )
      ).stdout,
    ).toBe('AES256\n')
  }, 600_000)
})

/**
 * `ran` goals credit what a command means, not how it is spelled (lib/lessons/ran-command.ts). For every such goal in
 * every lesson, the solution's command is respelled at random (options in another order, `--flag=value`, `./` before
 * file paths, other quoting, global options anywhere) and must still be credited; the same command with a different
 * bucket, key, file or operation must not be.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lessons } from '@/content/lessons'
import { evaluateGoal, type GoalWorld } from '@/lib/lessons/goals'
import type { Goal } from '@/lib/lessons/types'
import { tokenize } from '@/lib/cli/shell/tokenize'
import { pagePlaygroundNetwork } from '../helpers/page-playground'

type RanGoal = Extract<Goal, { kind: 'ran' }>

const freshPlayground = pagePlaygroundNetwork()

/** A word as the shell reads it back: bare when safe, else single-quoted. */
const quote = (w: string, style: 'bare' | 'single' | 'double') => {
  if (style === 'bare' && /^[\w@%+=:,./-]+$/.test(w)) return w
  if (style === 'double' && !/["$`\\!]/.test(w)) return `"${w}"`
  return `'${w.replace(/'/g, `'\\''`)}'`
}

interface Parts {
  head: string[]
  groups: { flag: string; values: string[] }[]
}

/** `aws service op --a 1 --b x y` → the command words and its option groups (values expanded by the shell). */
function partsOf(line: string, env: Record<string, string>): Parts {
  const t = tokenize(line, env)
  if (t.incomplete) throw new Error(line)
  const words = t.tokens.map((x) => x.value)
  const parts: Parts = { head: words.slice(0, 3), groups: [] }
  for (const w of words.slice(3)) {
    if (w.startsWith('--')) {
      const eq = w.indexOf('=')
      parts.groups.push(eq > 0 ? { flag: w.slice(0, eq), values: [w.slice(eq + 1)] } : { flag: w, values: [] })
    } else parts.groups.at(-1)!.values.push(w)
  }
  return parts
}

const spelling = (n: number) =>
  fc.record({
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    equals: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    dotSlash: fc.boolean(),
    quoting: fc.constantFrom('bare' as const, 'single' as const, 'double' as const),
    spaces: fc.constantFrom(' ', '  ', '\t'),
    global: fc.constantFrom('', '--output json', '--region us-east-1', '--no-cli-pager'),
    globalAt: fc.nat(n),
  })

const spell =
  (r: {
    order: number[]
    equals: boolean[]
    dotSlash: boolean
    quoting: 'bare' | 'single' | 'double'
    spaces: string
    global: string
    globalAt: number
  }) =>
  (parts: Parts) => {
    const groups = r.order.map((i, at) => {
      const g = parts.groups[i]!
      const values = g.values.map((v) => (r.dotSlash ? v.replace(/^(fileb?:\/\/)(?!\/|\.\/)/, '$1./') : v))
      if (values.length === 1 && r.equals[at]) return quote(`${g.flag}=${values[0]}`, r.quoting)
      return [g.flag, ...values.map((v) => quote(v, r.quoting))].join(r.spaces)
    })
    if (r.global) groups.splice(r.globalAt, 0, r.global)
    return [...parts.head, ...groups].join(r.spaces)
  }

const cases = lessons.flatMap((l) =>
  l.spec.steps.flatMap((step, index) =>
    step.goals
      .filter((g): g is RanGoal => g.kind === 'ran')
      .map((goal) => ({ slug: l.slug, step: step.id, index, goal, steps: l.spec.steps })),
  ),
)

describe.each(cases.map((c) => [`${c.slug} ${c.step}: ${c.goal.label}`, c] as const))('%s', (_name, c) => {
  it('is met by every spelling of the solution, and not by a different command', async () => {
    const { emulator, session, run } = freshPlayground()
    const shell = session.shell
    for (const step of c.steps.slice(0, c.index + 1))
      for (const line of step.solution) expect((await run(line)).code, line).toBe(0)
    const world = (history: string[]): GoalWorld => ({ emulator, files: shell.vfs, env: shell.env, history })
    const met = (line: string) => evaluateGoal(c.goal, world([line])).met
    const env = shell.env as Record<string, string>

    const solution = c.steps[c.index]!.solution.find((l) => /^aws /.test(l) && !/[|$]\(|\|/.test(l) && met(l))
    expect(solution, 'a plain aws command in the solution meets the goal').toBeDefined()
    const parts = partsOf(solution!, env)

    fc.assert(
      fc.property(spelling(parts.groups.length), (r) => {
        const line = spell(r)(parts)
        expect(met(line), line).toBe(true)
      }),
      { numRuns: 60 },
    )

    // Wrong: another operation of the same service; another value for each parameter the goal names; another file.
    const other = parts.head[2] === 'list-buckets' ? 'list-objects-v2' : 'list-buckets'
    expect(
      met([...parts.head.slice(0, 2), other, ...parts.groups.flatMap((g) => [g.flag, ...g.values])].join(' ')),
    ).toBe(false)
    const named = Object.entries(c.goal.input ?? {}).filter(([, v]) => typeof v === 'string')
    for (const [, value] of named) {
      const wrong: Parts = {
        head: parts.head,
        groups: parts.groups.map((g) => ({
          ...g,
          values: g.values.map((v) => v.replaceAll(value as string, `${value}-other`)),
        })),
      }
      fc.assert(
        fc.property(spelling(parts.groups.length), (r) => {
          const line = spell(r)(wrong)
          expect(met(line), line).toBe(false)
        }),
        { numRuns: 20 },
      )
    }
    for (const path of Object.values(c.goal.files ?? {})) {
      shell.vfs.write('other.key', new Uint8Array(32).fill(7))
      const wrong = solution!.replace(path, 'other.key')
      expect(met(wrong), wrong).toBe(false)
    }
    // Structured goals (policies, lookup attributes) fail when their inner value changes.
    const nested = JSON.stringify(c.goal.input ?? {}).match(/"(Deny|ResourceName|GenerateDataKey)"/)?.[1]
    if (nested) {
      const swap = { Deny: 'Allow', ResourceName: 'EventName', GenerateDataKey: 'Decrypt' }[nested]!
      const wrong: Parts = {
        head: parts.head,
        groups: parts.groups.map((g) => ({ ...g, values: g.values.map((v) => v.replaceAll(nested, swap)) })),
      }
      expect(
        met(
          spell({
            order: wrong.groups.map((_, i) => i),
            equals: [],
            dotSlash: false,
            quoting: 'single',
            spaces: ' ',
            global: '',
            globalAt: 0,
          })(wrong),
        ),
      ).toBe(false)
    }
  })
})

it('covers every lesson goal of kind ran', () => {
  expect(cases.length).toBeGreaterThanOrEqual(13)
})

/**
 * The lesson contract (lib/lessons/types.ts, docs/lessons.md), checked for every lesson: the spec is
 * complete, the MDX has a <Step> for each step and a "How it works" section, each step's solution, run
 * headlessly through the simulated CLI against a fresh emulator behind the page's own handlers, meets that step's goals (which did not
 * hold before), and each workshop preset leaves the lesson ready at its start step.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lessons } from '@/content/lessons'
import { evaluateGoals, type GoalWorld } from '@/lib/lessons/goals'
import type { LessonSpec, LessonStep } from '@/lib/lessons/types'
import { pagePlaygroundNetwork } from '../helpers/page-playground'

const dir = join(import.meta.dirname, '..', '..', 'content', 'learn')
const mdxOf = (slug: string) => readFileSync(join(dir, `${slug}.mdx`), 'utf8')

it('every lesson has a spec for the same slug', () => {
  expect(lessons.length).toBeGreaterThanOrEqual(7)
  for (const l of lessons) expect(l.spec.slug).toBe(l.slug)
})

const specs = lessons.map((l) => l.spec)

const freshPlayground = pagePlaygroundNetwork()

/** A fresh playground as the page has it (MSW handlers, https://*.emulator.invalid), and its goal world. */
function fresh() {
  const { emulator, session, run } = freshPlayground()
  const shell = session.shell
  const world: GoalWorld = { emulator, files: shell.vfs, env: shell.env, history: shell.history }
  const runAll = async (commands: string[], what: string) => {
    for (const line of commands) {
      const r = await run(line)
      expect(r.code, `${what}: "${line}" failed: ${r.stderr}`).toBe(0)
    }
  }
  return { world, runAll }
}

const unmet = (step: LessonStep, world: GoalWorld) =>
  evaluateGoals(step.goals, world)
    .filter((r) => !r.met)
    .map((r) => `${r.label} (${r.detail})`)

describe.each(specs.map((s) => [s.slug, s] as [string, LessonSpec]))('lesson %s', (slug, spec) => {
  it('has everything a lesson must have', () => {
    expect(spec.learn.length).toBeGreaterThanOrEqual(2)
    expect(spec.learn.length).toBeLessThanOrEqual(5)
    expect(spec.quiz.length).toBeGreaterThanOrEqual(3)
    expect(spec.quiz.length).toBeLessThanOrEqual(5)
    for (const q of spec.quiz) {
      expect(q.choices[q.answer], `${q.id}: the answer is one of the choices`).toBeDefined()
      expect(new Set(q.choices).size, `${q.id}: choices differ`).toBe(q.choices.length)
      expect(q.explanation.length).toBeGreaterThan(20)
    }
    expect(spec.realAws.length).toBeGreaterThan(0)
    expect(new Set(spec.steps.map((s) => s.id)).size).toBe(spec.steps.length)
    for (const step of spec.steps) {
      expect(step.hints.length, `${step.id} has a hint`).toBeGreaterThan(0)
      expect(step.solution.length, `${step.id} has a solution`).toBeGreaterThan(0)
    }
  })

  it('has a <Step> in its MDX for each step, in order, and a How it works section', () => {
    const mdx = mdxOf(slug)
    expect([...mdx.matchAll(/<Step id="([^"]+)"/g)].map((m) => m[1])).toEqual(spec.steps.map((s) => s.id))
    expect(mdx).toContain('<HowItWorks')
    // (`# expect: failure` inside a command block is a shell comment, not a heading.)
    expect(mdx.replace(/```[\s\S]*?```/g, ''), 'the title comes from the spec').not.toMatch(/^# /m)
  })

  it("meets each step's goals with its solution, and not before", async () => {
    const { world, runAll } = fresh()
    for (const step of spec.steps) {
      if (step.goals.length)
        expect(unmet(step, world).length, `${step.id}: goals already met before its solution`).toBeGreaterThan(0)
      await runAll(step.solution, step.id)
      expect(unmet(step, world), `${step.id}: goals not met by its solution`).toEqual([])
    }
  })

  for (const preset of spec.presets ?? []) {
    it(`preset ${preset.id} starts at ${preset.startStep}, and the rest of the lesson works from there`, async () => {
      const { world, runAll } = fresh()
      await runAll(preset.commands, `preset ${preset.id}`)
      const start = spec.steps.findIndex((s) => s.id === preset.startStep)
      expect(start).toBeGreaterThanOrEqual(0)
      for (const step of spec.steps.slice(0, start))
        expect(unmet(step, world), `${step.id} should be done by the preset`).toEqual([])
      for (const step of spec.steps.slice(start)) {
        await runAll(step.solution, step.id)
        expect(unmet(step, world), `${step.id} after the preset`).toEqual([])
      }
    })
  }
})

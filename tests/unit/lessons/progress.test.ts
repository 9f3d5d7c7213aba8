import { describe, expect, it } from 'vitest'
import {
  answerQuestion,
  completeStep,
  emptyProgress,
  lessonStatus,
  mergeProgress,
  parseProgress,
  ProgressError,
  resetSteps,
} from '@/lib/lessons/progress'

const spec = { slug: 'l', steps: [{ id: 'a' }, { id: 'b' }], quiz: [{ id: 'q', answer: 2 }] }

describe('progress', () => {
  it('records steps once, with their first time', () => {
    const p1 = completeStep(emptyProgress(), 'l', 'a', new Date('2026-01-01T00:00:00Z'))
    const p2 = completeStep(p1, 'l', 'a', new Date('2026-02-01T00:00:00Z'))
    expect(p2).toBe(p1)
    expect(lessonStatus(p2, spec)).toEqual({ done: 1, total: 2, quizCorrect: 0, quizTotal: 1, complete: false })
    const p3 = answerQuestion(completeStep(p2, 'l', 'b'), 'l', 'q', 2)
    expect(lessonStatus(p3, spec)).toMatchObject({ done: 2, quizCorrect: 1, complete: true })
  })

  it('exports and imports: a round trip, merged with what is here', () => {
    const here = completeStep(emptyProgress(), 'l', 'a', new Date('2026-03-01T00:00:00Z'))
    const there = answerQuestion(
      completeStep(completeStep(emptyProgress(), 'l', 'a', new Date('2026-01-01T00:00:00Z')), 'other', 'x'),
      'l',
      'q',
      1,
    )
    const merged = mergeProgress(here, parseProgress(JSON.stringify(there)))
    expect(merged.lessons.l!.steps.a).toBe('2026-01-01T00:00:00.000Z')
    expect(merged.lessons.l!.quiz.q).toBe(1)
    expect(Object.keys(merged.lessons).sort()).toEqual(['l', 'other'])
  })

  it('refuses what is not progress, saying why', () => {
    expect(() => parseProgress('{')).toThrow(new ProgressError('this file is not JSON'))
    expect(() => parseProgress({ format: 's3-encryption-playground-state' })).toThrow(/not playground progress/)
    expect(() => parseProgress({ format: 's3-encryption-playground-progress', version: 9, lessons: {} })).toThrow(
      /format 9/,
    )
    expect(() =>
      parseProgress({ format: 's3-encryption-playground-progress', version: 1, lessons: { l: { steps: [] } } }),
    ).toThrow(/progress of l is damaged/)
    // Bad entries inside a sound record are dropped, not trusted.
    expect(
      parseProgress({
        format: 's3-encryption-playground-progress',
        version: 1,
        lessons: { l: { steps: { a: 'not a date' }, quiz: { q: 'x' } } },
      }).lessons.l,
    ).toEqual({ steps: {}, quiz: {} })
  })

  it("resetSteps clears one lesson's ticks and keeps its quiz and the other lessons", () => {
    const p = answerQuestion(completeStep(completeStep(emptyProgress(), 'l', 'a'), 'other', 'x'), 'l', 'q', 2)
    const r = resetSteps(p, 'l')
    expect(lessonStatus(r, spec)).toMatchObject({ done: 0, quizCorrect: 1 })
    expect(r.lessons.other).toEqual(p.lessons.other)
    expect(resetSteps(p, 'never-opened')).toBe(p)
  })
})

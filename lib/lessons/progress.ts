/**
 * A learner's progress through the lessons: which steps are done (and when), and quiz answers. Plain data,
 * kept in the browser (localStorage: it holds no secret) and exported or imported as a small JSON file.
 * Done steps stay done: a later command that undoes a goal does not take the tick away.
 */
import type { LessonSpec } from './types'

export const PROGRESS_FORMAT = 's3-encryption-playground-progress'
export const PROGRESS_VERSION = 1

export interface LessonProgress {
  /** Step id → when it was completed (ISO time). */
  steps: Record<string, string>
  /** Question id → the choice the learner picked. */
  quiz: Record<string, number>
}

export interface Progress {
  format: typeof PROGRESS_FORMAT
  version: typeof PROGRESS_VERSION
  lessons: Record<string, LessonProgress>
}

export class ProgressError extends Error {
  override name = 'ProgressError'
}

export const emptyProgress = (): Progress => ({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessons: {} })

const lessonOf = (p: Progress, slug: string): LessonProgress => p.lessons[slug] ?? { steps: {}, quiz: {} }

export function completeStep(p: Progress, slug: string, step: string, at = new Date()): Progress {
  const lesson = lessonOf(p, slug)
  if (lesson.steps[step]) return p
  return {
    ...p,
    lessons: { ...p.lessons, [slug]: { ...lesson, steps: { ...lesson.steps, [step]: at.toISOString() } } },
  }
}

export function answerQuestion(p: Progress, slug: string, question: string, choice: number): Progress {
  const lesson = lessonOf(p, slug)
  return { ...p, lessons: { ...p.lessons, [slug]: { ...lesson, quiz: { ...lesson.quiz, [question]: choice } } } }
}

/** A lesson's steps back to not done (its quiz answers stay): "Reset this lesson". */
export function resetSteps(p: Progress, slug: string): Progress {
  if (!p.lessons[slug]) return p
  return { ...p, lessons: { ...p.lessons, [slug]: { ...p.lessons[slug], steps: {} } } }
}

export function forgetLesson(p: Progress, slug: string): Progress {
  const lessons = { ...p.lessons }
  delete lessons[slug]
  return { ...p, lessons }
}

export interface LessonStatus {
  done: number
  total: number
  quizCorrect: number
  quizTotal: number
  complete: boolean
}

/** Steps done (only those the lesson still has) and quiz answers right. */
export function lessonStatus(
  p: Progress,
  spec: {
    slug: string
    steps: Pick<LessonSpec['steps'][number], 'id'>[]
    quiz: Pick<LessonSpec['quiz'][number], 'id' | 'answer'>[]
  },
): LessonStatus {
  const lesson = lessonOf(p, spec.slug)
  const done = spec.steps.filter((s) => lesson.steps[s.id]).length
  const quizCorrect = spec.quiz.filter((q) => lesson.quiz[q.id] === q.answer).length
  return {
    done,
    total: spec.steps.length,
    quizCorrect,
    quizTotal: spec.quiz.length,
    complete: done === spec.steps.length,
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads exported (or stored) progress; throws ProgressError saying what is wrong. */
export function parseProgress(input: string | unknown): Progress {
  let value = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch {
      throw new ProgressError('this file is not JSON')
    }
  }
  if (!isRecord(value) || value.format !== PROGRESS_FORMAT)
    throw new ProgressError(
      'this file is not playground progress (it may be a saved playground: import that from the playground instead)',
    )
  if (value.version !== PROGRESS_VERSION)
    throw new ProgressError(`progress format ${String(value.version)} is not one this page reads (${PROGRESS_VERSION})`)
  if (!isRecord(value.lessons)) throw new ProgressError('the lesson list is damaged')
  const lessons: Record<string, LessonProgress> = {}
  for (const [slug, l] of Object.entries(value.lessons)) {
    if (!isRecord(l) || !isRecord(l.steps) || !isRecord(l.quiz))
      throw new ProgressError(`the progress of ${slug} is damaged`)
    const steps = Object.entries(l.steps).filter(([, at]) => typeof at === 'string' && !Number.isNaN(Date.parse(at)))
    const quiz = Object.entries(l.quiz).filter(([, c]) => Number.isInteger(c))
    lessons[slug] = {
      steps: Object.fromEntries(steps) as Record<string, string>,
      quiz: Object.fromEntries(quiz) as Record<string, number>,
    }
  }
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessons }
}

/** Imported progress adds to what is here: a step done in either stays done (the earlier time wins). */
export function mergeProgress(here: Progress, imported: Progress): Progress {
  const lessons = { ...here.lessons }
  for (const [slug, l] of Object.entries(imported.lessons)) {
    const mine = lessonOf(here, slug)
    const steps = { ...l.steps }
    for (const [id, at] of Object.entries(mine.steps)) if (!steps[id] || at < steps[id]) steps[id] = at
    lessons[slug] = { steps, quiz: { ...l.quiz, ...mine.quiz } }
  }
  return { ...here, lessons }
}

/**
 * The lessons, in reading order (the course map's order). Each is prose in content/learn/<slug>.mdx and a
 * spec in content/learn/<slug>.lesson.ts: goals, hints, solutions, quiz, notes for real AWS, presets
 * (the contract: lib/lessons/types.ts, docs/lessons.md).
 */
import type { MDXContent } from 'mdx/types'
import type { LessonSpec } from '@/lib/lessons/types'
import { lesson as clientSide } from './learn/client-side.lesson'
import { lesson as defaultEncryption } from './learn/default-encryption.lesson'
import { lesson as inTransit } from './learn/in-transit.lesson'
import { lesson as defaultSseKms } from './learn/default-sse-kms.lesson'
import { lesson as dsseKms } from './learn/dsse-kms.lesson'
import { lesson as enforceWithPolicies } from './learn/enforce-with-policies.lesson'
import { lesson as keyLifecycle } from './learn/key-lifecycle.lesson'
import { lesson as overview } from './learn/overview.lesson'
import { lesson as permissions } from './learn/permissions.lesson'
import { lesson as reEncrypt } from './learn/re-encrypt.lesson'
import { lesson as sseC } from './learn/sse-c.lesson'
import { lesson as sseKms } from './learn/sse-kms.lesson'
import { lesson as sseS3 } from './learn/sse-s3.lesson'
import { lesson as versions } from './learn/versions.lesson'

export interface LessonEntry {
  slug: string
  spec: LessonSpec
  title: string
  summary: string
  load: () => Promise<{ default: MDXContent }>
}

const entry = (spec: LessonSpec, load: LessonEntry['load']): LessonEntry => ({
  slug: spec.slug,
  spec,
  title: spec.title,
  summary: spec.summary,
  load,
})

export const lessons: LessonEntry[] = [
  entry(overview, () => import('./learn/overview.mdx')),
  entry(defaultEncryption, () => import('./learn/default-encryption.mdx')),
  entry(sseS3, () => import('./learn/sse-s3.mdx')),
  entry(sseKms, () => import('./learn/sse-kms.mdx')),
  entry(defaultSseKms, () => import('./learn/default-sse-kms.mdx')),
  entry(reEncrypt, () => import('./learn/re-encrypt.mdx')),
  entry(keyLifecycle, () => import('./learn/key-lifecycle.mdx')),
  entry(versions, () => import('./learn/versions.mdx')),
  entry(permissions, () => import('./learn/permissions.mdx')),
  entry(dsseKms, () => import('./learn/dsse-kms.mdx')),
  entry(sseC, () => import('./learn/sse-c.mdx')),
  entry(enforceWithPolicies, () => import('./learn/enforce-with-policies.mdx')),
  entry(inTransit, () => import('./learn/in-transit.mdx')),
  entry(clientSide, () => import('./learn/client-side.mdx')),
]

export const findLesson = (slug: string) => lessons.find((l) => l.slug === slug)

/** What the course map needs of every lesson (passed to the client; no prose). */
export interface CourseEntry {
  slug: string
  title: string
  steps: { id: string; title: string }[]
  quiz: { id: string; answer: number }[]
  /** Workshop presets: a link sets the lesson up at a step on a fresh playground. */
  presets: { id: string; title: string }[]
}

export const course = (): CourseEntry[] =>
  lessons.map((l) => ({
    slug: l.slug,
    title: l.title,
    steps: l.spec.steps.map((s) => ({ id: s.id, title: s.title })),
    quiz: l.spec.quiz.map((q) => ({ id: q.id, answer: q.answer })),
    presets: (l.spec.presets ?? []).map((p) => ({ id: p.id, title: p.title })),
  }))

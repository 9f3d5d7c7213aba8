/**
 * The lessons, in reading order (the course map's order). Each is prose in content/learn/<slug>.mdx and a
 * spec in content/learn/<slug>.lesson.ts: goals, hints, solutions, quiz, notes for real AWS, presets
 * (the contract: lib/lessons/types.ts, docs/lessons.md).
 */
import type { ComponentType } from 'react'
import type { LessonSpec } from '@/lib/lessons/types'
import { lesson as defaultEncryption } from './learn/default-encryption.lesson'
import { lesson as keyLifecycle } from './learn/key-lifecycle.lesson'
import { lesson as reEncrypt } from './learn/re-encrypt.lesson'
import { lesson as sseKms } from './learn/sse-kms.lesson'
import { lesson as sseS3 } from './learn/sse-s3.lesson'

export interface LessonEntry {
  slug: string
  /** Lessons not yet converted to the contract have none (the content test lists them). */
  spec?: LessonSpec
  title: string
  summary: string
  load: () => Promise<{ default: ComponentType }>
}

const entry = (spec: LessonSpec, load: LessonEntry['load']): LessonEntry => ({ slug: spec.slug, spec, title: spec.title, summary: spec.summary, load })

export const lessons: LessonEntry[] = [
  {
    slug: 'overview',
    title: 'Overview: the ways S3 encrypts your data',
    summary: 'At rest and in transit, server side and client side: what each option protects, who holds the keys, and how to choose.',
    load: () => import('./learn/overview.mdx'),
  },
  entry(defaultEncryption, () => import('./learn/default-encryption.mdx')),
  entry(sseS3, () => import('./learn/sse-s3.mdx')),
  entry(sseKms, () => import('./learn/sse-kms.mdx')),
  {
    slug: 'default-sse-kms',
    title: "Change a bucket's default encryption to SSE-KMS",
    summary: 'Create a KMS key, make it the bucket default, see that old objects keep their encryption, re-encrypt them, and read the audit trail.',
    load: () => import('./learn/default-sse-kms.mdx'),
  },
  entry(reEncrypt, () => import('./learn/re-encrypt.mdx')),
  entry(keyLifecycle, () => import('./learn/key-lifecycle.mdx')),
  {
    slug: 'dsse-kms',
    title: 'DSSE-KMS: two layers of encryption',
    summary: 'Encrypt an object twice, with two data keys and two independent AES implementations, and see both layers in the audit trail.',
    load: () => import('./learn/dsse-kms.mdx'),
  },
  {
    slug: 'sse-c',
    title: 'SSE-C: encryption with a key only you hold',
    summary: 'Unblock SSE-C, make a 256-bit key, upload with it, and see that S3 keeps only a fingerprint of it: without the key, nobody reads the object.',
    load: () => import('./learn/sse-c.mdx'),
  },
  {
    slug: 'enforce-with-policies',
    title: 'Enforce encryption with a bucket policy',
    summary: 'Deny uploads that do not ask for encryption, require one specific KMS key, and see why default encryption does not satisfy such a policy.',
    load: () => import('./learn/enforce-with-policies.mdx'),
  },
  {
    slug: 'client-side',
    title: 'Client-side encryption: S3 only sees ciphertext',
    summary: 'Encrypt before uploading, by hand with openssl and with the S3 Encryption Client format, and see that S3 cannot tell the object is encrypted.',
    load: () => import('./learn/client-side.mdx'),
  },
]

export const findLesson = (slug: string) => lessons.find((l) => l.slug === slug)

/** What the course map needs of every lesson (passed to the client; no prose). */
export interface CourseEntry {
  slug: string
  title: string
  steps: { id: string; title: string }[]
  quiz: { id: string; answer: number }[]
}

export const course = (): CourseEntry[] =>
  lessons.map((l) => ({
    slug: l.slug,
    title: l.title,
    steps: l.spec?.steps.map((s) => ({ id: s.id, title: s.title })) ?? [],
    quiz: l.spec?.quiz.map((q) => ({ id: q.id, answer: q.answer })) ?? [],
  }))

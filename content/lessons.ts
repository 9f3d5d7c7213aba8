/** The lessons, in reading order. Each is an MDX file in content/learn/ with a `metadata` export. */
import type { ComponentType } from 'react'

export interface LessonMeta {
  title: string
  summary: string
}

export interface LessonEntry {
  slug: string
  load: () => Promise<{ default: ComponentType; metadata: LessonMeta }>
}

export const lessons: LessonEntry[] = [
  { slug: 'overview', load: () => import('./learn/overview.mdx') },
  { slug: 'default-encryption', load: () => import('./learn/default-encryption.mdx') },
  { slug: 'default-sse-kms', load: () => import('./learn/default-sse-kms.mdx') },
  { slug: 'dsse-kms', load: () => import('./learn/dsse-kms.mdx') },
  { slug: 'sse-c', load: () => import('./learn/sse-c.mdx') },
  { slug: 'enforce-with-policies', load: () => import('./learn/enforce-with-policies.mdx') },
  { slug: 'client-side', load: () => import('./learn/client-side.mdx') },
]

export const findLesson = (slug: string) => lessons.find((l) => l.slug === slug)

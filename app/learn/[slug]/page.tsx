import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { course, findLesson, lessons } from '@/content/lessons'
import type { ComponentProps } from 'react'
import { HowItWorks } from '@/components/lesson/HowItWorks'
import { LessonLayout } from '@/components/lesson/LessonLayout'

export const dynamicParams = false

export function generateStaticParams() {
  return lessons.map((l) => ({ slug: l.slug }))
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const lesson = findLesson((await params).slug)
  if (!lesson) return {}
  return { title: lesson.title, description: lesson.summary }
}

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const lesson = findLesson((await params).slug)
  if (!lesson) notFound()
  const { default: Content } = await lesson.load()
  const { demo } = lesson.spec
  // The MDX writes <HowItWorks>; the spec says which mode's demo it runs.
  const components = { HowItWorks: (props: ComponentProps<typeof HowItWorks>) => <HowItWorks {...props} mode={demo} /> }
  return (
    <LessonLayout lesson={{ slug: lesson.slug, title: lesson.title }} course={course()} spec={lesson.spec}>
      <Content components={components} />
    </LessonLayout>
  )
}

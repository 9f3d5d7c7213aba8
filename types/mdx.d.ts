// Lessons are MDX modules with a default component and a `metadata` export.
declare module '*.mdx' {
  import type { MDXProps } from 'mdx/types'
  import type { LessonMeta } from '@/content/lessons'
  export const metadata: LessonMeta
  export default function MDXContent(props: MDXProps): JSX.Element
}

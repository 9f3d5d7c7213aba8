import type { MDXComponents } from 'mdx/types'
import { CodeBlock } from './CodeBlock'
import { Note } from './Note'
import { Source } from '@/components/lesson/Source'
import { Step } from '@/components/lesson/Step'
import { HowItWorks } from '@/components/lesson/HowItWorks'

/** The lessons' vocabulary: a plain map from MDX names to components (docs/lessons.md says when to use each). */
export const mdxComponents: MDXComponents = {
  pre: CodeBlock,
  Note,
  Source,
  Step,
  HowItWorks,
}

import type { MDXComponents } from 'mdx/types'
import { CodeBlock } from './CodeBlock'
import { Note } from './Note'
import { Source } from '@/components/lesson/Source'
import { SealDemo } from '@/components/lesson/SealDemo'

/** The lessons' vocabulary: a plain map from MDX names to components. */
export const mdxComponents: MDXComponents = {
  pre: CodeBlock,
  Note,
  Source,
  SealDemo,
}

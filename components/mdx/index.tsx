import type { MDXComponents } from 'mdx/types'
import { CodeBlock } from './CodeBlock'
import { Note } from './Note'

/** The lessons' vocabulary: a plain map from MDX names to components. */
export const mdxComponents: MDXComponents = {
  pre: CodeBlock,
  Note,
}

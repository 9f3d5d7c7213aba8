import type { MDXComponents } from 'mdx/types'
import { mdxComponents } from '@/components/mdx'

// Required by @next/mdx on the App Router: every .mdx page renders with this vocabulary.
export function useMDXComponents(components: MDXComponents): MDXComponents {
  return { ...mdxComponents, ...components }
}

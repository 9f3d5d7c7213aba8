/** Every component a lesson's MDX uses is in the lessons' vocabulary (an unknown one only fails when the page renders). */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { mdxComponents } from '@/components/mdx'

const dir = join(import.meta.dirname, '..', '..', 'content', 'learn')

it.each(readdirSync(dir).filter((f) => f.endsWith('.mdx')))('%s uses only components the MDX map provides', (file) => {
  // Outside code blocks and inline code, a JSX tag starts with a capital letter.
  const prose = readFileSync(join(dir, file), 'utf8')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '')
  const used = new Set([...prose.matchAll(/<\/?([A-Z][A-Za-z0-9]*)/g)].map((m) => m[1]!))
  expect([...used].filter((name) => !(name in mdxComponents))).toEqual([])
})

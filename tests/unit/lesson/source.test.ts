import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { excerpt } from '@/components/lesson/Source'

const rootKeys = readFileSync('lib/s3/root-keys.ts', 'utf8')

describe('<Source> excerpts', () => {
  it('takes a function from its doc comment to its closing brace, verbatim', () => {
    const part = excerpt(rootKeys, 'unwrapWithRoot', 'lib/s3/root-keys.ts')
    expect(part.startsWith('/** Unwraps an SSE-S3 data key')).toBe(true)
    expect(part.endsWith('\n}')).toBe(true)
    expect(rootKeys).toContain(part)
  })

  it('takes a one-line declaration alone', () => {
    const atRest = readFileSync('lib/s3/at-rest-format.ts', 'utf8')
    const part = excerpt(atRest, 'segmentCount', 'lib/s3/at-rest-format.ts')
    expect(part.split('\n').at(-1)).toMatch(/^export const segmentCount = .*Math\.max\(/)
  })

  it('refuses a name the file does not declare, so a lesson cannot show code that is not there', () => {
    expect(() => excerpt(rootKeys, 'noSuchFunction', 'lib/s3/root-keys.ts')).toThrow(
      'lib/s3/root-keys.ts has no top-level declaration named noSuchFunction',
    )
  })

  it('every <Source show> in the lessons names real declarations', () => {
    for (const file of readdirSync('content/learn').filter((f) => f.endsWith('.mdx'))) {
      const mdx = readFileSync(`content/learn/${file}`, 'utf8')
      for (const m of mdx.matchAll(/<Source path="([^"]+)" show=\{\[([^\]]+)\]\}/g)) {
        const text = readFileSync(m[1]!, 'utf8')
        for (const name of m[2]!.split(',').map((n) => n.trim().replace(/'/g, '')))
          expect(text).toContain(excerpt(text, name, m[1]!))
      }
    }
  })
})

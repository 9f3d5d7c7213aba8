/**
 * Every `aws` command in the lessons (the MDX blocks, the solutions and the presets) parses against the
 * CLI's models, and every internal link points at a page the site builds.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandsOf } from '@/components/mdx/commands'
import { lessons } from '@/content/lessons'
import { awsCommandsOf, awsParseProblem } from './parse-aws'

const dir = join(import.meta.dirname, '..', '..', 'content', 'learn')
const mdx = Object.fromEntries(lessons.map((l) => [l.slug, readFileSync(join(dir, `${l.slug}.mdx`), 'utf8')]))

function allCommands(slug: string): string[] {
  const blocks = [...mdx[slug]!.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) => commandsOf(m[1]!))
  const spec = lessons.find((l) => l.slug === slug)!.spec
  return [
    ...blocks,
    ...(spec?.steps.flatMap((s) => s.solution) ?? []),
    ...(spec?.presets?.flatMap((p) => p.commands) ?? []),
  ]
}

/** Routes the static build has: app/ pages and every lesson. */
function routes(): Set<string> {
  const found = new Set(['/'])
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('[')) continue
      const sub = join(d, e.name)
      if (readdirSync(sub).some((f) => /^page\.(tsx|mdx?)$/.test(f))) found.add(`${prefix}/${e.name}/`)
      walk(sub, `${prefix}/${e.name}`)
    }
  }
  walk(join(import.meta.dirname, '..', '..', 'app'), '')
  for (const l of lessons) found.add(`/learn/${l.slug}/`)
  return found
}

describe.each(lessons.map((l) => l.slug))('lesson %s', (slug) => {
  it('every aws command parses against the CLI models', () => {
    const commands = allCommands(slug).flatMap(awsCommandsOf)
    expect(commands.length).toBeGreaterThan(0)
    const problems = commands.map((c) => [c, awsParseProblem(c)]).filter(([, p]) => p)
    expect(problems).toEqual([])
  })

  it('every internal link resolves', () => {
    const spec = lessons.find((l) => l.slug === slug)!.spec
    const text = mdx[slug]! + JSON.stringify(spec ?? {})
    const links = [...text.matchAll(/\]\((\/[^)\s]*)\)|href="(\/[^"]*)"/g)].map((m) => (m[1] ?? m[2])!)
    const known = routes()
    const ids = new Set(spec?.steps.map((s) => `step-${s.id}`) ?? [])
    for (const link of links) {
      const [path, hash] = link.split('#') as [string, string | undefined]
      expect(known.has(path.replace(/\?.*$/, '')), `${link} is not a page of the site`).toBe(true)
      if (hash && path === `/learn/${slug}/`) expect(ids.has(hash), `${link}: no such step`).toBe(true)
    }
  })
})

it('the parser catches mistakes (so a passing lesson means something)', () => {
  expect(awsParseProblem('aws s3api head-object --bucket b')).toContain('the following arguments are required: --key')
  expect(awsParseProblem('aws s3api put-object --bucket b --key k --bogus')).toContain('Unknown options: --bogus')
  expect(awsParseProblem('aws s3 cp a s3://b/a --sse NOPE')).toMatch(/Invalid choice/)
  expect(awsParseProblem('aws kms create-keyy')).toContain('unknown operation')
  expect(
    awsParseProblem(`aws s3api put-bucket-encryption --bucket b --server-side-encryption-configuration '{bad'`),
  ).toContain('Invalid JSON')
  expect(
    awsParseProblem('aws s3api head-object --bucket b --key k --query ServerSideEncryption --output text'),
  ).toBeUndefined()
})

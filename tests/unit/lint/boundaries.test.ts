/** The import boundaries of eslint.config.mjs hold: lib/ stays framework-free, only its msw adapter imports msw. */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.map((m) => m.ruleId ?? m.message)
}

describe('lib/ import boundaries', () => {
  it.each([
    ["import { useState } from 'react'", 'lib/s3/x.ts'],
    ["import Link from 'next/link'", 'lib/cli/x.ts'],
    ["import { Terminal } from '@/components/playground/Terminal'", 'lib/cli/x.ts'],
    ["import { http } from 'msw'", 'lib/protocol/x.ts'],
  ])('%s is refused in %s', async (code, file) => {
    expect(await ruleIds(`${code}\nexport const x = 1\n`, file)).toContain('no-restricted-imports')
  })

  it('refuses DOM globals in lib/', async () => {
    expect(await ruleIds('export const w = window.location.href\n', 'lib/s3/x.ts')).toContain('no-restricted-globals')
  })

  it.each([
    'export const o = globalThis.location.origin',
    'export const o = (globalThis as { location?: { origin?: string } }).location?.origin',
    "export const o = (globalThis as unknown as Record<string, Location>)['location']",
    'export const d = globalThis.document',
    'export const w = self.window',
    'export const n = (self as { navigator?: unknown }).navigator',
    'export const s = globalThis.localStorage',
    'const { location } = globalThis\nexport const o = location',
    'const { document: d } = globalThis as { document?: unknown }\nexport const x = d',
  ])('refuses the DOM reached through the global object in lib/: %s', async (code) => {
    expect(await ruleIds(`${code}\n`, 'lib/cli/x.ts')).toContain('no-restricted-syntax')
  })

  it('leaves other globalThis properties alone, and components may read location', async () => {
    const node = 'export const p = (globalThis as { process?: unknown }).process\n'
    expect(await ruleIds(node, 'lib/crypto/x.ts')).not.toContain('no-restricted-syntax')
    expect(await ruleIds('export const o = globalThis.location.origin\n', 'components/x.ts')).not.toContain(
      'no-restricted-syntax',
    )
  })

  it('lets the msw adapter import msw, and components import React', async () => {
    expect(await ruleIds("import { http } from 'msw'\nexport const h = http\n", 'lib/adapters/msw/x.ts')).not.toContain(
      'no-restricted-imports',
    )
    expect(
      await ruleIds("import { useState } from 'react'\nexport const u = useState\n", 'components/x.tsx'),
    ).not.toContain('no-restricted-imports')
  })
})

/** scripts/csp.mjs: each page's inline scripts hashed exactly as the browser hashes them; the policy placed after <meta charset>. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script, without types
import { addPolicy } from '../../../scripts/csp.mjs'

const page = (scripts: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>t</title></head><body>${scripts}</body></html>`
const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`
const run = (html: string) => addPolicy(html) as { html: string; policy: string; inlineScripts: number }

describe('csp.mjs', () => {
  it('hashes inline scripts (not src scripts or JSON data blocks), and allows nothing else', () => {
    const inline = 'self.__next_f.push([1,"é — ok"])'
    const { policy, inlineScripts } = run(
      page(
        `<script>${inline}</script><script src="/_next/a.js" async=""></script><script type="application/ld+json">{"a":1}</script>`,
      ),
    )
    expect(inlineScripts).toBe(1)
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '))
    expect(scriptSrc).toBe(`script-src 'self' ${sha(inline)}`)
    expect(policy).not.toContain('unsafe-eval')
    expect(policy).toContain("worker-src 'self'")
  })

  it('keeps <meta charset> first, in the first 1024 bytes, and is idempotent', () => {
    const once = run(page('<script>1</script>'.repeat(50))).html
    expect(once.indexOf('<meta charSet="utf-8"/>')).toBeLessThan(100)
    expect(once.indexOf('<meta charSet')).toBeLessThan(once.indexOf('Content-Security-Policy'))
    expect(run(once).html).toBe(once)
  })
})

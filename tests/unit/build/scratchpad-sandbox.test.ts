/** scripts/scratchpad-sandbox.mjs: the scratchpad's sandbox document and the policy that shuts its network. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script, without types
import { BOOTSTRAP, sandboxHtml, sandboxPolicy } from '../../../scripts/scratchpad-sandbox.mjs'
// @ts-expect-error: a plain .mjs build script, without types
import { addPolicy } from '../../../scripts/csp.mjs'

const directives = (policy: string) =>
  new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')] as const))

describe('scratchpad-sandbox.mjs', () => {
  it('allows no connection, image, style, frame or script but its own start-up script (by hash) and blob: workers', () => {
    const d = directives(sandboxPolicy() as string)
    const hash = createHash('sha256')
      .update(BOOTSTRAP as string, 'utf8')
      .digest('base64')
    expect(d.get('default-src')).toBe("'none'")
    expect(d.get('connect-src')).toBe("'none'")
    expect(d.get('img-src')).toBe("'none'")
    expect(d.get('frame-src')).toBe("'none'")
    expect(d.get('worker-src')).toBe('blob:')
    expect(d.get('script-src')).toBe(`'sha256-${hash}' 'unsafe-eval'`)
    // Nothing in the policy names a host, a scheme or 'self'.
    expect(sandboxPolicy()).not.toMatch(/'self'|https?:|\*|data:/)
  })

  it('puts the policy first in <head>, the worker as data (no script can close early), and its hash matches the page', () => {
    const worker = 'console.log("</script><script>alert(1)</script>")'
    const html = sandboxHtml(worker) as string
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
    expect(html).not.toContain('alert(1)')
    expect(html).toContain(Buffer.from(worker).toString('base64'))
    // The one runnable inline script is the start-up script the hash covers: what csp.mjs would hash is the same.
    const { policy } = addPolicy(html) as { policy: string }
    expect(policy).toContain(
      directives(sandboxPolicy() as string)
        .get('script-src')!
        .split(' ')[0],
    )
  })
})

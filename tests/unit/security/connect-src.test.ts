/** lib/security/connect-src.ts against CSP Level 3 source matching, and against the site's own policy. */
import { describe, expect, it } from 'vitest'
import { connectAllowed, connectRefusalText, connectSources } from '@/lib/security/connect-src'
// @ts-expect-error: a plain .mjs build script, without types
import { extraSources, policyFor } from '../../../scripts/csp.mjs'

const SITE = 'https://playground.example'
const site = policyFor(['abc'], []) as string

describe('connectAllowed', () => {
  it("follows the site's policy: the emulator over https and http, AWS, this machine; nothing else", () => {
    for (const url of [
      'https://s3.emulator.invalid/',
      'http://s3.emulator.invalid/bucket/key',
      'https://bucket.s3.emulator.invalid/k',
      'https://s3.eu-west-1.amazonaws.com/b',
      'https://b.s3.amazonaws.com/',
      'http://127.0.0.1:4566/',
      'http://localhost:9000/',
      'https://localhost:8443/',
      `${SITE}/_next/static/x.js`,
    ])
      expect(connectAllowed(site, url, SITE), url).toBe(true)
    for (const url of [
      'https://minio.lab.example:9000/',
      'http://192.168.1.20:9000/',
      'https://amazonaws.com.evil.example/',
      'http://s3.amazonaws.com/',
      'https://emulator.invalid.example/',
    ])
      expect(connectAllowed(site, url, SITE), url).toBe(false)
  })

  it('ports, wildcards, schemes, paths and the fallback to default-src', () => {
    expect(connectAllowed('connect-src https://a.example', 'https://a.example:443/x')).toBe(true)
    expect(connectAllowed('connect-src https://a.example', 'https://a.example:444/x')).toBe(false)
    expect(connectAllowed('connect-src http://a.example', 'https://a.example/x')).toBe(true) // the secure upgrade
    expect(connectAllowed('connect-src https://a.example', 'http://a.example/x')).toBe(false)
    expect(connectAllowed('connect-src https://*.a.example', 'https://a.example/')).toBe(false)
    expect(connectAllowed('connect-src https://*.a.example', 'https://x.y.a.example/')).toBe(true)
    expect(connectAllowed('connect-src https://a.example/api/', 'https://a.example/api/v1')).toBe(true)
    expect(connectAllowed('connect-src https://a.example/api/', 'https://a.example/other')).toBe(false)
    expect(connectAllowed('connect-src https:', 'https://anything.example/')).toBe(true)
    expect(connectAllowed("connect-src 'none'", 'https://a.example/')).toBe(false)
    expect(connectAllowed("default-src 'self'", 'https://a.example/', 'https://a.example')).toBe(true)
    expect(connectAllowed("default-src 'self'", 'https://b.example/', 'https://a.example')).toBe(false)
    expect(connectAllowed("script-src 'self'", 'https://b.example/')).toBe(true)
    expect(connectAllowed(undefined, 'https://b.example/')).toBe(true)
    expect(connectAllowed('connect-src a.example:*', 'https://a.example:9/', 'https://site.example')).toBe(true)
  })

  it('reads the first connect-src only, as browsers do', () => {
    expect(connectSources("default-src 'self'; connect-src https://a; connect-src https://b")).toEqual(['https://a'])
  })

  it('names the origin, what the policy allows, and the build setting that fixes it', () => {
    const text = connectRefusalText('https://minio.lab.example:9000/bucket', site)
    expect(text).toContain("PLAYGROUND_CONNECT_SRC='https://minio.lab.example:9000' npm run build")
    expect(text).toContain('https://*.amazonaws.com')
  })
})

describe('PLAYGROUND_CONNECT_SRC', () => {
  it('adds scheme://host[:port] sources to connect-src, and refuses anything else', () => {
    const policy = policyFor([], extraSources('https://minio.lab.example:9000  http://ceph.lab.example')) as string
    expect(connectAllowed(policy, 'https://minio.lab.example:9000/b', SITE)).toBe(true)
    expect(connectAllowed(policy, 'http://ceph.lab.example/b', SITE)).toBe(true)
    expect(connectAllowed(policy, 'https://other.lab.example/b', SITE)).toBe(false)
    expect(() => extraSources("https://ok.example 'unsafe-inline'")).toThrow(/unsafe-inline/)
    expect(() => extraSources('https://ok.example; script-src *')).toThrow()
    expect(extraSources('')).toEqual([])
  })
})

/** The session's SDK clients: --endpoint-url and --region override the target, as in aws-cli. */
import { describe, expect, it, vi } from 'vitest'
import { createSession } from '@/lib/cli/session'
import { emulatorTarget, endpointOf } from '@/lib/sdk/clients'

describe('session clients', () => {
  const session = createSession({ target: emulatorTarget() })
  const clients = session.shell.aws.clients

  it('use the in-browser endpoints by default', () => {
    expect(endpointOf(clients({}).target, 's3')).toBe('https://s3.emulator.invalid')
    expect(endpointOf(clients({}).target, 'kms')).toBe('https://kms.emulator.invalid')
  })
  it('--endpoint-url replaces every service endpoint, the per-service ones included', () => {
    const target = clients({ endpointUrl: 'http://s3.emulator.invalid' }).target
    for (const service of ['s3', 'kms', 'cloudtrail', 'sts'] as const)
      expect(endpointOf(target, service)).toBe('http://s3.emulator.invalid')
  })
  it('--region changes only the region', () => {
    const target = clients({ region: 'eu-west-1' }).target
    expect([target.region, endpointOf(target, 's3')]).toEqual(['eu-west-1', 'https://s3.emulator.invalid'])
  })
})

describe('the page origin', () => {
  const collect = () => {
    let out = ''
    let err = ''
    return {
      io: {
        out: (t: string | Uint8Array) => void (out += typeof t === 'string' ? t : new TextDecoder().decode(t)),
        err: (t: string) => void (err += t),
      },
      text: () => out + err,
    }
  }

  it('is what the page passes in: `playground cors` names it', async () => {
    const session = createSession({ target: emulatorTarget(), pageOrigin: 'https://learn.example' })
    const c = collect()
    expect(await session.run('playground cors', c.io)).toBe(0)
    expect(c.text()).toContain('The CORS configuration a bucket needs for this page (https://learn.example)')
  })

  it('is never read from a global location: without one passed in, the command asks for --origin', async () => {
    vi.stubGlobal('location', { origin: 'https://from-a-global.example' })
    try {
      const session = createSession({ target: emulatorTarget() })
      const c = collect()
      expect(await session.run('playground cors', c.io)).toBe(2)
      expect(c.text()).toContain('--origin is needed outside a browser')
      expect(c.text()).not.toContain('from-a-global')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

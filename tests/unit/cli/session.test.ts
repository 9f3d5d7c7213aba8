/** The session's SDK clients: --endpoint-url and --region override the target, as in aws-cli. */
import { describe, expect, it } from 'vitest'
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

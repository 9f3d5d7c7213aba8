/** lib/scratchpad/target-hosts.ts: the page sends a scratchpad request only to the chosen target. */
import { describe, expect, it } from 'vitest'
import { allowedForTarget } from '@/lib/scratchpad/target-hosts'
import { sdkClientConfig, type TargetConfig } from '@/lib/sdk/target-config'

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
const both = (config: TargetConfig) => [
  { service: 's3' as const, config: sdkClientConfig(config, 's3') },
  { service: 'kms' as const, config: sdkClientConfig(config, 'kms') },
]

describe('allowedForTarget', () => {
  it('the emulator: its S3 and KMS hosts and bucket virtual hosts; nothing else', () => {
    const emulator = both({ kind: 'emulator', region: 'us-east-1', credentials: creds } as TargetConfig)
    for (const url of [
      'https://s3.emulator.invalid/b/k',
      'https://my-bucket.s3.emulator.invalid/k?x-id=PutObject',
      'https://kms.emulator.invalid/',
    ])
      expect(allowedForTarget(url, emulator), url).toBe(true)
    for (const url of [
      'http://127.0.0.1:9/steal?k=1',
      'https://s3.emulator.invalid.attacker.example/',
      'https://s3.emulator.invalid:444/',
      'http://s3.emulator.invalid/',
      'https://user:pw@s3.emulator.invalid/',
      'https://emulator.invalid/',
      'https://s3.us-east-1.amazonaws.com/',
      'data:text/plain,x',
      'not a url',
    ])
      expect(allowedForTarget(url, emulator), url).toBe(false)
  })

  it('AWS: the region S3 and KMS endpoints and bucket hosts; not another region, service or host', () => {
    const aws = both({ kind: 'aws', region: 'eu-west-1', credentials: creds } as TargetConfig)
    expect(allowedForTarget('https://s3.eu-west-1.amazonaws.com/b', aws)).toBe(true)
    expect(allowedForTarget('https://b.s3.eu-west-1.amazonaws.com/k', aws)).toBe(true)
    expect(allowedForTarget('https://kms.eu-west-1.amazonaws.com/', aws)).toBe(true)
    expect(allowedForTarget('https://sts.eu-west-1.amazonaws.com/', aws)).toBe(false)
    expect(allowedForTarget('https://s3.us-east-1.amazonaws.com/', aws)).toBe(false)
    expect(allowedForTarget('https://attacker.example/', aws)).toBe(false)
  })

  it('a custom endpoint: that scheme, host and port only', () => {
    const custom = both({
      kind: 'custom',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      credentials: creds,
    } as TargetConfig)
    expect(allowedForTarget('http://127.0.0.1:4566/b/k', custom)).toBe(true)
    expect(allowedForTarget('http://127.0.0.1:4567/b/k', custom)).toBe(false)
    expect(allowedForTarget('https://127.0.0.1:4566/b/k', custom)).toBe(false)
    expect(allowedForTarget('http://localhost:4566/b/k', custom)).toBe(false)
  })
})

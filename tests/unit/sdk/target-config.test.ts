import { describe, expect, it } from 'vitest'
import {
  credentialKind,
  credentialWarnings,
  EMULATOR_CONFIG,
  sdkClientConfig,
  targetProblem,
  TargetStore,
  toTarget,
  type TargetConfig,
} from '@/lib/sdk/target-config'

const custom: TargetConfig = {
  kind: 'custom',
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:3221',
  forcePathStyle: true,
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 't' },
}

describe('target config', () => {
  it('maps each kind to SDK settings: the emulator per service, AWS by region, custom by endpoint', () => {
    expect(sdkClientConfig(EMULATOR_CONFIG, 'kms').endpoint).toBe('https://kms.emulator.invalid')
    const aws = sdkClientConfig(
      {
        kind: 'aws',
        region: 'eu-west-1',
        forcePathStyle: false,
        credentials: { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't' },
      },
      's3',
    )
    expect(aws).toEqual({
      region: 'eu-west-1',
      forcePathStyle: false,
      credentials: { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't' },
      maxAttempts: 1,
    })
    expect(sdkClientConfig(custom, 's3')).toMatchObject({ endpoint: 'http://127.0.0.1:3221', forcePathStyle: true })
    expect(toTarget(custom).endpoint).toBe('http://127.0.0.1:3221')
    // Structured-cloneable: it can be posted to a worker.
    expect(structuredClone(sdkClientConfig(custom, 'kms'))).toEqual(sdkClientConfig(custom, 'kms'))
  })

  it('recommends temporary credentials and warns about long-term AKIA keys', () => {
    expect(credentialKind({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' })).toBe('long-term')
    expect(credentialKind(custom.credentials)).toBe('temporary')
    expect(
      credentialWarnings({
        ...custom,
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
      }).join(' '),
    ).toMatch(/long-term IAM user keys/)
    expect(
      credentialWarnings({ ...custom, credentials: { accessKeyId: 'ASIAX', secretAccessKey: 'x' } }).join(' '),
    ).toMatch(/session token/)
    expect(credentialWarnings(custom)).toEqual([])
    expect(credentialWarnings({ ...custom, endpoint: 'http://minio.lan:9000' }).join(' ')).toMatch(/plain http/)
  })

  it('refuses a custom target without a usable URL or a bad region', () => {
    expect(targetProblem({ ...custom, endpoint: 'ftp://x' })).toMatch(/http or https/)
    expect(targetProblem({ ...custom, endpoint: undefined })).toMatch(/needs an endpoint/)
    expect(targetProblem({ ...custom, region: 'nowhere' })).toMatch(/not a region/)
    expect(targetProblem(custom)).toBeUndefined()
  })

  it('the store tells listeners about each change', () => {
    const store = new TargetStore()
    const seen: string[] = []
    store.subscribe((c) => seen.push(c.kind))
    store.set(custom)
    store.update({ kind: 'aws' })
    expect(seen).toEqual(['custom', 'aws'])
    expect(store.generation).toBe(2)
  })
})

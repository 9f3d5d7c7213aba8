/** CreateKey, DescribeKey, ListKeys, tags, and the alias operations, with every identifier form where it is accepted. */
import { describe, expect, it } from 'vitest'
import { b64, expectError, kmsHarness, T0 } from '../../helpers/kms'

describe('keys', () => {
  it('CreateKey returns AWS-shaped KeyMetadata for a symmetric customer managed key', async () => {
    const h = kmsHarness()
    const { KeyMetadata } = await h.ok('CreateKey', {
      Description: 'lesson key',
      Tags: [{ TagKey: 'team', TagValue: 'blue' }],
    })
    expect(KeyMetadata).toEqual({
      AWSAccountId: '111122223333',
      KeyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      Arn: `arn:aws:kms:us-east-1:111122223333:key/${KeyMetadata.KeyId}`,
      CreationDate: T0.getTime() / 1000,
      Enabled: true,
      Description: 'lesson key',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
      CurrentKeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect((await h.ok('ListResourceTags', { KeyId: KeyMetadata.KeyId })).Tags).toEqual([
      { TagKey: 'team', TagValue: 'blue' },
    ])
  })

  it('other key specs, usages and origins are UnsupportedOperationException', async () => {
    const h = kmsHarness()
    for (const body of [
      { KeySpec: 'RSA_2048' },
      { KeyUsage: 'SIGN_VERIFY' },
      { Origin: 'EXTERNAL' },
      { MultiRegion: true },
    ]) {
      expect((await h.kms('CreateKey', body)).body.__type).toBe('UnsupportedOperationException')
    }
    expect((await h.ok('ListKeys')).Keys).toEqual([])
  })

  it('DescribeKey accepts key id, key ARN, alias name and alias ARN', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('CreateAlias', { AliasName: 'alias/forms', TargetKeyId: key.Arn })
    for (const KeyId of [key.KeyId, key.Arn, 'alias/forms', 'arn:aws:kms:us-east-1:111122223333:alias/forms']) {
      expect((await h.ok('DescribeKey', { KeyId })).KeyMetadata.Arn).toBe(key.Arn)
    }
  })

  it('ListKeys pages with Limit and Marker', async () => {
    const h = kmsHarness()
    const ids = [await h.createKey(), await h.createKey(), await h.createKey()].map((k) => k.KeyId).sort()
    const first = await h.ok('ListKeys', { Limit: 2 })
    expect(first).toMatchObject({ Truncated: true, NextMarker: expect.any(String) })
    const second = await h.ok('ListKeys', { Limit: 2, Marker: first.NextMarker })
    expect(second.Truncated).toBe(false)
    expect(second.NextMarker).toBeUndefined()
    expect([...first.Keys, ...second.Keys].map((k: { KeyId: string }) => k.KeyId)).toEqual(ids)
    expect((await h.kms('ListKeys', { Marker: '***' })).body).toEqual({
      __type: 'InvalidMarkerException',
      message: 'Invalid marker',
    })
  })

  it('UpdateKeyDescription, TagResource and UntagResource change the key', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('UpdateKeyDescription', { KeyId: key.KeyId, Description: 'renamed' })
    await h.ok('TagResource', {
      KeyId: key.KeyId,
      Tags: [
        { TagKey: 'a', TagValue: '1' },
        { TagKey: 'b', TagValue: '2' },
      ],
    })
    await h.ok('TagResource', { KeyId: key.KeyId, Tags: [{ TagKey: 'a', TagValue: '3' }] })
    await h.ok('UntagResource', { KeyId: key.KeyId, TagKeys: ['b'] })
    expect((await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.Description).toBe('renamed')
    expect((await h.ok('ListResourceTags', { KeyId: key.KeyId })).Tags).toEqual([{ TagKey: 'a', TagValue: '3' }])
    expect(
      (await h.kms('TagResource', { KeyId: key.KeyId, Tags: [{ TagKey: 'aws:x', TagValue: '1' }] })).body.__type,
    ).toBe('TagException')
  })
})

describe('aliases', () => {
  it('ListAliases shows TargetKeyId as the bare key id, the predefined aws/s3 alias, and filters by KeyId', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('CreateAlias', { AliasName: 'alias/listed', TargetKeyId: key.KeyId })
    const all = (await h.ok('ListAliases')).Aliases
    expect(all).toEqual([
      { AliasName: 'alias/aws/s3', AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3' },
      {
        AliasName: 'alias/listed',
        AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/listed',
        TargetKeyId: key.KeyId,
        CreationDate: T0.getTime() / 1000,
        LastUpdatedDate: T0.getTime() / 1000,
      },
    ])
    expect(
      (await h.ok('ListAliases', { KeyId: key.Arn })).Aliases.map((a: { AliasName: string }) => a.AliasName),
    ).toEqual(['alias/listed'])
  })

  it('UpdateAlias points an alias at another key; DeleteAlias removes it and leaves the key', async () => {
    const h = kmsHarness()
    const [a, b] = [await h.createKey(), await h.createKey()]
    await h.ok('CreateAlias', { AliasName: 'alias/moving', TargetKeyId: a.KeyId })
    h.emulator.clock.advanceDays(1)
    await h.ok('UpdateAlias', { AliasName: 'alias/moving', TargetKeyId: b.Arn })
    expect((await h.ok('Encrypt', { KeyId: 'alias/moving', Plaintext: b64('x') })).KeyId).toBe(b.Arn)
    const [alias] = (await h.ok('ListAliases', { KeyId: b.KeyId })).Aliases
    expect(alias.LastUpdatedDate - alias.CreationDate).toBe(86400)
    await h.ok('DeleteAlias', { AliasName: 'alias/moving' })
    expectError(
      await h.kms('DescribeKey', { KeyId: 'alias/moving' }),
      'NotFoundException',
      'Alias arn:aws:kms:us-east-1:111122223333:alias/moving is not found.',
    )
    expect((await h.ok('DescribeKey', { KeyId: b.KeyId })).KeyMetadata.KeyState).toBe('Enabled')
  })
})

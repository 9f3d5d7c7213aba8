/**
 * Bad input over the JSON 1.1 protocol gets the exception KMS gives, leaves state unchanged, and never
 * crashes the emulator (no 500, and the next good request still works).
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { KMS_INPUT_SHAPES } from '@/lib/protocol/kms/shapes'
import { b64, expectError, kmsHarness } from '../../helpers/kms'

let h: ReturnType<typeof kmsHarness>
let keyId: string
let before: string

beforeEach(async () => {
  h = kmsHarness()
  keyId = (await h.createKey()).KeyId
  await h.ok('CreateAlias', { AliasName: 'alias/stable', TargetKeyId: keyId })
  before = h.stateOf()
})

describe('protocol errors', () => {
  it('malformed JSON is SerializationException', async () => {
    for (const body of ['{', '{"KeyId": }', 'null', '[1,2]', '"text"', '{"KeyId": "x",}']) {
      const answer = await h.kms('ScheduleKeyDeletion', body)
      expect(answer.status).toBe(400)
      expect(answer.body.__type).toBe('SerializationException')
    }
    expect(h.stateOf()).toBe(before)
  })

  it('a member of the wrong JSON type is SerializationException, as AWS JSON services answer it', async () => {
    expectError(
      await h.kms('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: '7' }),
      'SerializationException',
      'STRING_VALUE cannot be converted to Integer',
    )
    expectError(
      await h.kms('DisableKey', { KeyId: 42 }),
      'SerializationException',
      'NUMBER_VALUE cannot be converted to String',
    )
    expectError(
      await h.kms('DisableKey', { KeyId: { id: keyId } }),
      'SerializationException',
      'Start of structure or map found where not expected.',
    )
    expectError(
      await h.kms('Encrypt', { KeyId: keyId, Plaintext: b64('x'), EncryptionContext: ['a'] }),
      'SerializationException',
      'Start of list found where not expected',
    )
    expectError(
      await h.kms('Encrypt', { KeyId: keyId, Plaintext: b64('x'), DryRun: 'yes' }),
      'SerializationException',
      'STRING_VALUE cannot be converted to Boolean',
    )
    expect(h.stateOf()).toBe(before)
  })

  it('a blob that is not base64 is SerializationException', async () => {
    expect((await h.kms('Decrypt', { CiphertextBlob: 'not base64!!' })).body).toEqual({
      __type: 'SerializationException',
    })
  })

  it('missing, oversized and out-of-range members are one ValidationException listing each', async () => {
    expectError(
      await h.kms('CreateAlias', {}),
      'ValidationException',
      "2 validation errors detected: Value null at 'aliasName' failed to satisfy constraint: Member must not be null; Value null at 'targetKeyId' failed to satisfy constraint: Member must not be null",
    )
    expectError(
      await h.kms('UpdateKeyDescription', { KeyId: keyId, Description: 'd'.repeat(8193) }),
      'ValidationException',
      `1 validation error detected: Value '${'d'.repeat(8193)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192`,
    )
    expectError(
      await h.kms('Decrypt', { CiphertextBlob: btoa('x'.repeat(6145)) }),
      'ValidationException',
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=6145 cap=6145]' at 'ciphertextBlob' failed to satisfy constraint: Member must have length less than or equal to 6144",
    )
    expectError(
      await h.kms('CreateAlias', { AliasName: 'alias/b@d', TargetKeyId: keyId }),
      'ValidationException',
      "1 validation error detected: Value 'alias/b@d' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    )
    expectError(
      await h.kms('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_512' }),
      'ValidationException',
      "1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]",
    )
    expectError(
      await h.kms('TagResource', { KeyId: keyId, Tags: [{ TagKey: '', TagValue: 'v' }] }),
      'ValidationException',
      "1 validation error detected: Value '' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    )
    expectError(
      await h.kms('GenerateRandom', { NumberOfBytes: 1025 }),
      'ValidationException',
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    )
    expect(h.stateOf()).toBe(before)
  })

  it('an unknown target is UnknownOperationException; a KMS operation not served yet is UnsupportedOperationException', async () => {
    expectError(await h.kms('DestroyEverything', {}), 'UnknownOperationException')
    expectError(
      await h.kms('CreateGrant', { KeyId: keyId }),
      'UnsupportedOperationException',
      "CreateGrant is not supported by the playground's KMS emulator.",
    )
    expect(h.stateOf()).toBe(before)
  })

  it('answers with application/x-amz-json-1.1 and an x-amzn-RequestId that CloudTrail records', async () => {
    const response = await h.emulator.handle(
      new Request('http://127.0.0.1/', {
        method: 'POST',
        headers: { 'x-amz-target': 'TrentService.ListKeys' },
        body: '',
      }),
    )
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    const requestId = response.headers.get('x-amzn-requestid')!
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(h.emulator.cloudtrail.records().at(-1)).toMatchObject({ eventName: 'ListKeys', requestID: requestId })
  })

  it('random junk for every served operation never crashes the emulator and never changes state', async () => {
    const junk: unknown[] = [
      '{',
      '[]',
      { KeyId: null },
      { KeyId: '' },
      { KeyId: 7 },
      { Plaintext: '@@' },
      { Limit: 0 },
      { Limit: 1.5 },
      { Tags: 'x' },
      { Policy: {} },
    ]
    for (const operation of Object.keys(KMS_INPUT_SHAPES).filter(
      (op) => op !== 'CreateKey' && op !== 'GenerateRandom',
    )) {
      for (const body of junk) {
        const answer = await h.kms(operation, body)
        // A read such as ListAliases may succeed (unknown or null members are ignored); nothing may fail with 500.
        expect([200, 400], `${operation} ${JSON.stringify(body)}`).toContain(answer.status)
        if (answer.status === 400) expect(typeof answer.body.__type).toBe('string')
      }
    }
    expect(h.stateOf()).toBe(before)
    expect((await h.kms('Encrypt', { KeyId: 'alias/stable', Plaintext: b64('still fine') })).status).toBe(200)
  })
})

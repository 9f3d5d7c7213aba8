/** CloudTrail LookupEvents over the KMS audit trail: attributes, time range, paging, errors. */
import { beforeEach, describe, expect, it } from 'vitest'
import { b64, expectError, kmsHarness, T0 } from '../../helpers/kms'

let h: ReturnType<typeof kmsHarness>
let key: { KeyId: string; Arn: string }
const names = (events: { EventName: string }[]) => events.map((e) => e.EventName)

beforeEach(async () => {
  h = kmsHarness()
  key = await h.createKey()
  h.emulator.clock.advance(1000)
  const { CiphertextBlob } = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('x') })
  h.emulator.clock.advance(1000)
  await h.ok('Decrypt', { CiphertextBlob })
  h.emulator.clock.advance(1000)
  await h.kms(
    'DisableKey',
    { KeyId: key.KeyId },
    {
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAOTHER/20260105/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=x',
    },
  )
})

describe('LookupEvents', () => {
  it('returns every KMS call, newest first, in the Event shape with the full record as CloudTrailEvent', async () => {
    const { Events, NextToken } = (await h.lookup()).body
    expect(names(Events)).toEqual(['DisableKey', 'Decrypt', 'Encrypt', 'CreateKey'])
    expect(NextToken).toBeUndefined()
    expect(Events[1]).toMatchObject({
      EventName: 'Decrypt',
      ReadOnly: 'true',
      EventSource: 'kms.amazonaws.com',
      Username: 'playground',
      EventTime: T0.getTime() / 1000 + 2,
      Resources: [{ ResourceType: 'AWS::KMS::Key', ResourceName: key.Arn }],
    })
    const record = JSON.parse(Events[1].CloudTrailEvent)
    expect(record).toMatchObject({
      eventVersion: '1.11',
      eventName: 'Decrypt',
      eventID: Events[1].EventId,
      awsRegion: 'us-east-1',
      recipientAccountId: '111122223333',
    })
    expect(JSON.parse(Events[0].CloudTrailEvent).responseElements).toBeNull()
  })

  it('filters by EventName, ResourceName, EventSource, ReadOnly, Username and AccessKeyId', async () => {
    const by = async (AttributeKey: string, AttributeValue: string) =>
      names((await h.lookup({ LookupAttributes: [{ AttributeKey, AttributeValue }] })).body.Events)
    expect(await by('EventName', 'Encrypt')).toEqual(['Encrypt'])
    expect(await by('ResourceName', key.Arn)).toEqual(['DisableKey', 'Decrypt', 'Encrypt', 'CreateKey'])
    expect(await by('ResourceName', 'arn:aws:kms:us-east-1:111122223333:key/other')).toEqual([])
    expect(await by('EventSource', 'kms.amazonaws.com')).toHaveLength(4)
    expect(await by('EventSource', 's3.amazonaws.com')).toEqual([])
    expect(await by('ReadOnly', 'false')).toEqual(['DisableKey', 'CreateKey'])
    expect(await by('Username', 'playground')).toHaveLength(4)
    expect(await by('AccessKeyId', 'AKIAOTHER')).toEqual(['DisableKey'])
  })

  it('honours StartTime and EndTime (epoch seconds, as the SDKs and aws-cli send them)', async () => {
    const t = T0.getTime() / 1000
    const { Events } = (await h.lookup({ StartTime: t + 1, EndTime: t + 2 })).body
    expect(names(Events)).toEqual(['Decrypt', 'Encrypt'])
  })

  it('pages with MaxResults and NextToken without repeating or skipping events', async () => {
    const first = (await h.lookup({ MaxResults: 3 })).body
    expect(names(first.Events)).toEqual(['DisableKey', 'Decrypt', 'Encrypt'])
    await h.ok('ListKeys') // a newer event must not disturb the next page
    const second = (await h.lookup({ MaxResults: 3, NextToken: first.NextToken })).body
    expect(names(second.Events)).toEqual(['CreateKey'])
    expect(second.NextToken).toBeUndefined()
  })

  it('keeps 90 days of history by the emulator clock', async () => {
    h.emulator.clock.advanceDays(91)
    await h.ok('ListKeys')
    expect(names((await h.lookup()).body.Events)).toEqual(['ListKeys'])
  })

  it('answers CloudTrail errors for bad lookups', async () => {
    const two = [
      { AttributeKey: 'EventName', AttributeValue: 'Encrypt' },
      { AttributeKey: 'Username', AttributeValue: 'playground' },
    ]
    expectError(
      await h.lookup({ LookupAttributes: two }),
      'InvalidLookupAttributesException',
      'LookupAttributes can contain only one attribute.',
    )
    expect((await h.lookup({ LookupAttributes: [{ AttributeKey: 'Colour', AttributeValue: 'x' }] })).body.__type).toBe(
      'InvalidLookupAttributesException',
    )
    expectError(
      await h.lookup({ MaxResults: 51 }),
      'InvalidMaxResultsException',
      'MaxResults must be between 1 and 50.',
    )
    expectError(await h.lookup({ NextToken: 'nope' }), 'InvalidNextTokenException', 'The NextToken is not valid.')
    expectError(
      await h.lookup({ StartTime: 200, EndTime: 100 }),
      'InvalidTimeRangeException',
      'StartTime must be before EndTime.',
    )
    expect((await h.lookup('{')).body.__type).toBe('SerializationException')
    expect((await h.lookup({ MaxResults: 'ten' })).body).toEqual({
      __type: 'SerializationException',
      message: 'STRING_VALUE cannot be converted to Integer',
    })
  })

  it('serves only LookupEvents', async () => {
    const response = await h.emulator.handle(
      new Request('http://127.0.0.1/', {
        method: 'POST',
        headers: { 'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail' },
        body: '{}',
      }),
    )
    expect(response.status).toBe(400)
    expect((await response.json()).__type).toBe('UnsupportedOperationException')
  })
})

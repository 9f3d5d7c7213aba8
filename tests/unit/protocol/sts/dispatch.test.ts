import { describe, expect, it } from 'vitest'
import { handleSts } from '@/lib/protocol/sts/dispatch'

const form = (body: string) =>
  new Request('https://sts.emulator.invalid/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  })

describe('STS GetCallerIdentity', () => {
  it('names the playground user, its id and account', async () => {
    const { operation, response } = await handleSts(
      form('Action=GetCallerIdentity&Version=2011-06-15'),
      '111122223333',
      'req-1',
    )
    expect(operation).toBe('GetCallerIdentity')
    const xml = await response.text()
    expect(xml).toContain('<Arn>arn:aws:iam::111122223333:user/playground</Arn>')
    expect(xml).toContain('<Account>111122223333</Account>')
    expect(xml).toContain('<RequestId>req-1</RequestId>')
  })

  it('answers unknown actions with the Query protocol error', async () => {
    const { response } = await handleSts(form('Action=AssumeRole&Version=2011-06-15'), '111122223333', 'req-2')
    expect(response.status).toBe(400)
    expect(await response.text()).toContain(
      '<Code>InvalidAction</Code><Message>Could not find operation AssumeRole for version 2011-06-15</Message>',
    )
  })
})

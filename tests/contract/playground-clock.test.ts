/** Simulated time: `playground time advance` completes a scheduled key deletion, visibly, through the wire. */
import { describe, expect, it } from 'vitest'
import { emulatorCliForFile } from '../helpers/cli'

const { run } = emulatorCliForFile()

describe('playground time', () => {
  it('shows the clock, and refuses bad input', async () => {
    expect((await run('playground time')).stdout).toMatch(
      /^simulated time: \d{4}-\d\d-\d\dT[\d:.]+Z \(0 day\(s\) ahead of real time\)\n$/,
    )
    expect((await run('playground time advance -3')).code).toBe(2)
    expect((await run('playground clock')).stderr).toContain('usage: playground time')
  })

  it('advancing past the pending window deletes a key, and CloudTrail records DeleteKey', async () => {
    expect((await run('KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text)')).code).toBe(0)
    expect(
      (
        await run(
          'aws kms schedule-key-deletion --key-id $KEY --pending-window-in-days 7 --query KeyState --output text',
        )
      ).stdout,
    ).toBe('PendingDeletion\n')
    expect((await run('playground time advance 6')).stdout).toContain('(6 day(s) ahead of real time)')
    expect((await run('aws kms describe-key --key-id $KEY --query KeyMetadata.KeyState --output text')).stdout).toBe(
      'PendingDeletion\n',
    )
    expect((await run('playground time advance 2d')).code).toBe(0)
    const gone = await run('aws kms describe-key --key-id $KEY')
    expect(gone.code).toBe(254)
    expect(gone.stderr).toMatch(/NotFoundException/)
    expect(
      (
        await run(
          "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=DeleteKey --query 'length(Events)'",
        )
      ).stdout,
    ).toBe('1\n')
  })
})

import { describe, expect, it } from 'vitest'
import { Vfs } from '@/lib/cli/shell/vfs'
import { utf8 } from '@/lib/crypto/bytes'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { evaluateGoal, goalLabel, type GoalWorld } from '@/lib/lessons/goals'
import { cliAgainst } from '../../helpers/cli'
import { startEmulator } from '../../helpers/server'

const world = (): GoalWorld & { env: Record<string, string>; files: Vfs } => ({
  emulator: createEmulator(),
  files: new Vfs(),
  env: {},
  history: [],
})

describe('goals against the emulator', () => {
  it('an object goal says what is missing until it holds', async () => {
    const running = await startEmulator()
    try {
      const { run, session } = cliAgainst(running.endpoint)
      const w: GoalWorld = {
        emulator: running.emulator,
        files: session.shell.vfs,
        env: session.shell.env,
        history: session.shell.history,
      }
      const goal = {
        kind: 'object',
        bucket: 'demo-bucket',
        key: 'k.txt',
        sse: 'aws:kms',
        kmsKey: 'alias/demo',
      } as const
      expect(goalLabel(goal)).toBe('k.txt in demo-bucket is SSE-KMS under alias/demo')
      expect(evaluateGoal(goal, w)).toMatchObject({ met: false, detail: 'there is no bucket demo-bucket yet' })
      await run('aws s3 mb s3://demo-bucket')
      await run('echo hi > k.txt')
      await run('aws s3 cp k.txt s3://demo-bucket/k.txt')
      expect(evaluateGoal(goal, w)).toMatchObject({ met: false, detail: 'it is SSE-S3, not SSE-KMS' })
      await run('KEY_ID=$(aws kms create-key --query KeyMetadata.KeyId --output text)')
      await run('OTHER=$(aws kms create-key --query KeyMetadata.Arn --output text)')
      await run('aws kms create-alias --alias-name alias/demo --target-key-id $KEY_ID')
      await run('aws s3 cp k.txt s3://demo-bucket/k.txt --sse aws:kms --sse-kms-key-id $OTHER')
      expect(evaluateGoal(goal, w)).toMatchObject({
        met: false,
        detail: `it uses ${session.shell.env.OTHER}, not alias/demo`,
      })
      await run('aws s3 cp k.txt s3://demo-bucket/k.txt --sse aws:kms --sse-kms-key-id alias/demo')
      expect(evaluateGoal(goal, w)).toEqual({ met: true, label: 'k.txt in demo-bucket is SSE-KMS under alias/demo' })
      // $VAR names the key the learner's shell holds.
      expect(evaluateGoal({ ...goal, kmsKey: '$KEY_ID' }, w).met).toBe(true)
      expect(evaluateGoal({ ...goal, kmsKey: '$NOPE' }, w)).toMatchObject({
        met: false,
        detail: '$NOPE is not set in the terminal',
      })
    } finally {
      await running.close()
    }
  })

  it('checking a goal never creates the AWS managed key or writes CloudTrail', async () => {
    const w = world()
    expect(evaluateGoal({ kind: 'kms-key', key: 'aws/s3' }, w).met).toBe(false)
    expect(w.emulator.kms.state.keys.size).toBe(0)
    expect(evaluateGoal({ kind: 'cloudtrail', eventName: 'GenerateDataKey', atLeast: 2 }, w)).toMatchObject({
      met: false,
      detail: '0 so far',
      label: 'CloudTrail has 2 GenerateDataKey events',
    })
    expect(w.emulator.cloudtrail.records()).toEqual([])
  })

  it('files, shell variables and history', async () => {
    const w = world()
    w.files.write('a.txt', utf8('Salted__xyz'))
    expect(evaluateGoal({ kind: 'file', path: 'a.txt', startsWith: 'Salted__' }, w).met).toBe(true)
    expect(evaluateGoal({ kind: 'file', path: 'a.txt', sameAs: 'b.txt' }, w)).toMatchObject({
      met: false,
      detail: 'there is no file b.txt yet',
    })
    w.files.write('b.txt', utf8('Salted__xyZ'))
    expect(evaluateGoal({ kind: 'file', path: 'a.txt', sameAs: 'b.txt' }, w)).toMatchObject({
      met: false,
      detail: 'the files differ',
    })
    expect(
      evaluateGoal(
        { kind: 'ran', command: 's3api head-object', label: 'x' },
        { ...w, history: ['aws s3 ls', 'aws s3api head-object --bucket b --key k'] },
      ).met,
    ).toBe(true)
    expect(evaluateGoal({ kind: 'shell-var', name: 'K' }, w).met).toBe(false)
  })
})

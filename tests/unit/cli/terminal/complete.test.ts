import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commonPrefix, complete } from '@/lib/cli/terminal/complete'
import { cliAgainst } from '../../../helpers/cli'
import { startEmulator, type RunningEmulator } from '../../../helpers/server'

let running: RunningEmulator
let cli: ReturnType<typeof cliAgainst>

beforeAll(async () => {
  running = await startEmulator()
  cli = cliAgainst(running.endpoint)
  await cli.run('aws s3 mb s3://alpha-bucket')
  await cli.run('aws s3 mb s3://alpine-bucket')
  await cli.run('echo hi > notes.txt')
  await cli.run('aws s3 cp notes.txt s3://alpha-bucket/docs/notes.txt')
})
afterAll(() => running.close())

const candidates = async (line: string) => (await complete(cli.session.shell, line)).candidates

describe('tab completion', () => {
  it('completes commands, services and operations', async () => {
    expect(await candidates('sha')).toEqual(['sha256sum'])
    expect(await candidates('aws s3a')).toEqual(['s3api'])
    expect(await candidates('aws s3api head-o')).toEqual(['head-object'])
    expect(await candidates('aws s3 c')).toEqual(['cp'])
  })

  it('completes options from the model, leaving out those already given', async () => {
    expect(await candidates('aws s3api head-object --bucket b --k')).toEqual(['--key'])
    expect(await candidates('aws s3api put-object --server-side-e')).toEqual(['--server-side-encryption'])
    expect(await candidates('aws s3 cp a s3://b/ --ss')).toEqual([
      '--sse',
      '--sse-kms-key-id',
      '--sse-c',
      '--sse-c-key',
      '--sse-c-copy-source',
      '--sse-c-copy-source-key',
    ])
  })

  it('asks S3 for bucket names and keys', async () => {
    expect(await candidates('aws s3 ls s3://alp')).toEqual(['s3://alpha-bucket/', 's3://alpine-bucket/'])
    expect(await candidates('aws s3 ls s3://alpha-bucket/d')).toEqual(['s3://alpha-bucket/docs/'])
    expect(await candidates('aws s3api head-object --bucket alph')).toEqual(['alpha-bucket'])
    expect(await candidates('aws s3api head-object --bucket alpha-bucket --key docs/n')).toEqual(['docs/notes.txt'])
  })

  it('completes local file names', async () => {
    expect(await candidates('cat no')).toEqual(['notes.txt'])
    expect(await candidates('aws s3 cp no')).toEqual(['notes.txt'])
  })

  it('finds the shared prefix', () => {
    expect(commonPrefix(['s3://alpha-bucket/', 's3://alpine-bucket/'])).toBe('s3://alp')
    expect(commonPrefix([])).toBe('')
  })
})

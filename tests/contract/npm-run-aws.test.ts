/** `npm run aws -- ...`: the simulated CLI in a real terminal, real files, state kept in a folder between runs. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..', '..')
const work = mkdtempSync(join(tmpdir(), 'npm-run-aws-'))
const dataDir = join(work, 'state')

function aws(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/aws.mts'), '--data-dir', dataDir, ...args],
    // Without the test runner's own switch for the SDK's Node warning (vitest.config.mts), as a user runs it.
    {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined },
    },
  )
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  }
}

describe('npm run aws', () => {
  it('keeps buckets and objects between runs, and reads and writes real files', () => {
    writeFileSync(join(work, 'real.txt'), 'from the real disk\n')
    expect(aws('s3', 'mb', 's3://headless-bucket')).toMatchObject({ code: 0, stdout: 'make_bucket: headless-bucket\n' })
    expect(
      aws('s3', 'cp', 'real.txt', 's3://headless-bucket/real.txt', '--sse', 'AES256', '--no-progress'),
    ).toMatchObject({ code: 0, stdout: 'upload: ./real.txt to s3://headless-bucket/real.txt\n' })
    const head = aws(
      's3api',
      'head-object',
      '--bucket',
      'headless-bucket',
      '--key',
      'real.txt',
      '--query',
      'ServerSideEncryption',
      '--output',
      'text',
    )
    expect(head).toMatchObject({ code: 0, stdout: 'AES256\n' })
    expect(aws('s3api', 'get-object', '--bucket', 'headless-bucket', '--key', 'real.txt', 'copy.txt').code).toBe(0)
    expect(readFileSync(join(work, 'copy.txt'), 'utf8')).toBe('from the real disk\n')
  }, 60_000)

  it('prints nothing the real aws CLI would not: no NodeVersionSupportWarning from the SDK on any Node', () => {
    const r = aws('s3', 'ls')
    expect(r.code).toBe(0)
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|node >=22/)
    expect(r.stderr).toBe('')
  }, 30_000)

  it("exits with aws-cli's codes", () => {
    expect(aws('s3api', 'head-object', '--bucket', 'headless-bucket', '--key', 'nope').code).toBe(254)
    expect(aws('s3api', 'head-object').code).toBe(252)
  }, 30_000)
})

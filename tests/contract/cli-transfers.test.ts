/**
 * aws s3 cp --recursive, sync, mv, rm and presign, compared line for line with what aws-cli 2.9 printed
 * for the same sequence against the emulator (recorded on this machine with --no-progress).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliAgainst, type Ran } from '../helpers/cli'
import { startEmulator, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let run: (line: string) => Promise<Ran>

beforeAll(async () => {
  running = await startEmulator()
  run = cliAgainst(running.endpoint).run
  for (const line of [
    'mkdir synctest',
    'mkdir synctest/sub',
    'echo a > synctest/a.txt',
    'echo bb > synctest/sub/b.txt',
    'aws s3 mb s3://sync-bucket',
  ])
    expect((await run(line)).code).toBe(0)
})
afterAll(() => running.close())

const out = async (line: string) => {
  const r = await run(line)
  return r.stdout + r.stderr
}

describe('recursive transfers', () => {
  it('cp --recursive uploads a tree', async () => {
    expect(await out('aws s3 cp synctest s3://sync-bucket/up --recursive --no-progress')).toBe(
      'upload: synctest/a.txt to s3://sync-bucket/up/a.txt\nupload: synctest/sub/b.txt to s3://sync-bucket/up/sub/b.txt\n',
    )
  })

  it('sync uploads everything once, then nothing', async () => {
    expect(await out('aws s3 sync synctest s3://sync-bucket/sync --no-progress')).toBe(
      'upload: synctest/a.txt to s3://sync-bucket/sync/a.txt\nupload: synctest/sub/b.txt to s3://sync-bucket/sync/sub/b.txt\n',
    )
    expect(await run('aws s3 sync synctest s3://sync-bucket/sync --no-progress')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    })
  })

  it('cp --recursive downloads a prefix into folders', async () => {
    expect(await out('aws s3 cp s3://sync-bucket/sync ./dl --recursive --no-progress')).toBe(
      'download: s3://sync-bucket/sync/a.txt to dl/a.txt\ndownload: s3://sync-bucket/sync/sub/b.txt to dl/sub/b.txt\n',
    )
    expect((await run('cat dl/sub/b.txt')).stdout).toBe('bb\n')
  })

  it('sync honours --exclude', async () => {
    expect(await out('aws s3 sync s3://sync-bucket/sync ./dl2 --no-progress --exclude "sub/*"')).toBe(
      'download: s3://sync-bucket/sync/a.txt to dl2/a.txt\n',
    )
  })

  it('sync --delete removes what the source lost, in key order with the uploads', async () => {
    await run('echo new > synctest/c.txt')
    await run('rm synctest/a.txt')
    expect(await out('aws s3 sync synctest s3://sync-bucket/sync --no-progress --delete')).toBe(
      'delete: s3://sync-bucket/sync/a.txt\nupload: synctest/c.txt to s3://sync-bucket/sync/c.txt\n',
    )
  })

  it('--dryrun shows what would happen', async () => {
    expect(await out('aws s3 cp synctest s3://sync-bucket/dry --recursive --dryrun')).toBe(
      '(dryrun) upload: synctest/c.txt to s3://sync-bucket/dry/c.txt\n(dryrun) upload: synctest/sub/b.txt to s3://sync-bucket/dry/sub/b.txt\n',
    )
  })

  it('rm --recursive deletes a prefix', async () => {
    expect(await out('aws s3 rm s3://sync-bucket/sync/ --recursive')).toBe(
      'delete: s3://sync-bucket/sync/c.txt\ndelete: s3://sync-bucket/sync/sub/b.txt\n',
    )
  })

  it('mv uploads and removes the local file', async () => {
    const r = await run('aws s3 mv synctest/c.txt s3://sync-bucket/c.txt')
    expect(r.stdout).toMatch(
      /^Completed 4 Bytes\/4 Bytes \(.+\/s\) with 1 file\(s\) remaining\rmove: synctest\/c\.txt to s3:\/\/sync-bucket\/c\.txt +\n$/,
    )
    expect((await run('ls synctest')).stdout).toBe('sub\n')
  })

  it('presign prints a SigV4 query-signed URL', async () => {
    const r = await run('aws s3 presign s3://sync-bucket/c.txt --expires-in 60')
    // The parameters and order aws-cli 2.9 printed for the same command.
    expect(r.stdout).toMatch(
      new RegExp(
        `^${running.endpoint}/sync-bucket/c\\.txt\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=\\w+%2F\\d{8}%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=\\d{8}T\\d{6}Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}\\n$`,
      ),
    )
  })
})

describe('large files go multipart, as aws-cli sends them', () => {
  it('uploads 20 MiB in three parts with progress, and downloads it with ranged GETs, byte for byte', async () => {
    expect((await run('openssl rand -out big.bin 20971520')).code).toBe(0)
    const up = await run('aws s3 cp big.bin s3://sync-bucket/big.bin --sse aws:kms')
    expect(up.code).toBe(0)
    expect(up.stdout).toMatch(
      /^Completed 8\.0 MiB\/20\.0 MiB \(.+\/s\) with 1 file\(s\) remaining\rCompleted 16\.0 MiB\/20\.0 MiB \(.+\/s\) with 1 file\(s\) remaining\rCompleted 20\.0 MiB\/20\.0 MiB \(.+\/s\) with 1 file\(s\) remaining\rupload: \.\/big\.bin to s3:\/\/sync-bucket\/big\.bin +\n$/,
    )
    const head = JSON.parse((await run('aws s3api head-object --bucket sync-bucket --key big.bin')).stdout)
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-3"$/)
    expect(head.ServerSideEncryption).toBe('aws:kms')
    expect(head.ContentLength).toBe(20971520)
    const down = await run('aws s3 cp s3://sync-bucket/big.bin big-copy.bin')
    expect(down.stdout).toContain('Completed 8.0 MiB/20.0 MiB')
    expect(down.stdout).toContain('download: s3://sync-bucket/big.bin to ./big-copy.bin')
    expect(await run('cmp big.bin big-copy.bin && echo same')).toEqual({ code: 0, stdout: 'same\n', stderr: '' })
  })
})

describe('SSE-C through aws s3 cp', () => {
  it('uploads, copies with --sse-c-copy-source to SSE-S3, and downloads with the key', async () => {
    const sseC = await startEmulator({ allowSseCOverHttp: true })
    const c = cliAgainst(sseC.endpoint)
    try {
      await c.run('aws s3 mb s3://ssec-bucket')
      await c.run(
        `aws s3api put-bucket-encryption --bucket ssec-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'`,
      )
      await c.run('echo "customer keyed" > c.txt')
      const key = '0123456789abcdef0123456789abcdef' // 32 characters: the SDK base64-encodes them as the key
      expect(
        (await c.run(`aws s3 cp c.txt s3://ssec-bucket/c.txt --sse-c AES256 --sse-c-key ${key} --no-progress`)).stdout,
      ).toBe('upload: ./c.txt to s3://ssec-bucket/c.txt\n')
      expect((await c.run('aws s3api head-object --bucket ssec-bucket --key c.txt')).code).toBe(254)
      const head = JSON.parse(
        (
          await c.run(
            `aws s3api head-object --bucket ssec-bucket --key c.txt --sse-customer-algorithm AES256 --sse-customer-key ${key}`,
          )
        ).stdout,
      )
      expect(head.SSECustomerAlgorithm).toBe('AES256')
      const copy = await c.run(
        `aws s3 cp s3://ssec-bucket/c.txt s3://ssec-bucket/plain.txt --sse-c-copy-source --sse-c-copy-source-key ${key} --no-progress`,
      )
      expect(copy).toMatchObject({ code: 0, stdout: 'copy: s3://ssec-bucket/c.txt to s3://ssec-bucket/plain.txt\n' })
      expect(
        JSON.parse((await c.run('aws s3api head-object --bucket ssec-bucket --key plain.txt')).stdout)
          .ServerSideEncryption,
      ).toBe('AES256')
      expect(
        (await c.run(`aws s3 cp s3://ssec-bucket/c.txt back.txt --sse-c AES256 --sse-c-key ${key} --no-progress`)).code,
      ).toBe(0)
      expect(await c.run('cmp c.txt back.txt && echo same')).toMatchObject({ code: 0, stdout: 'same\n' })
      expect((await c.run('aws s3 cp s3://ssec-bucket/c.txt s3://ssec-bucket/x.txt --sse-c-copy-source')).stderr).toBe(
        '\nIf --sse-c-copy-source is specified, --sse-c-copy-source-key must be specified as well.\n',
      )
    } finally {
      await sseC.close()
    }
  })
})

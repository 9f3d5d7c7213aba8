/**
 * The real aws CLI against the emulator's HTTP host, running the SSE-S3 tutorial ("Check the default
 * encryption type for an object uploaded to an S3 bucket") command for command, then its error cases.
 *
 * Uses aws-cli v2 at /usr/bin/aws when it exists, else `aws` on PATH (set AWS_CLI to choose another).
 * Skipped, with a warning that says why, when no aws CLI is installed.
 *
 * `aws s3 cp` switches to a multipart upload above 8 MiB (multipart_threshold): the 20 MiB upload goes
 * through CreateMultipartUpload, parallel UploadParts and CompleteMultipartUpload; 20 MiB downloads are
 * split by the CLI into parallel ranged GETs.
 */
import { execFile, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../helpers/server'
import { storedBytes } from '../helpers/at-rest'

const MiB = 1024 * 1024
const home = mkdtempSync(join(tmpdir(), 's3-playground-aws-home-'))
const work = mkdtempSync(join(tmpdir(), 's3-playground-aws-work-'))

// The CLI sees only these credentials and settings: nothing from the user's ~/.aws or AWS_* variables.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
  NODE_ENV: process.env.NODE_ENV,
  HOME: home,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
}

const candidates = process.env.AWS_CLI
  ? [process.env.AWS_CLI]
  : existsSync('/usr/bin/aws')
    ? ['/usr/bin/aws', 'aws']
    : ['aws']

function findAws(): { command: string; version: string; major: number } | undefined {
  for (const command of candidates) {
    const r = spawnSync(command, ['--version'], { encoding: 'utf8', env })
    const m = /aws-cli\/((\d+)\.\S+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)
    if (r.status === 0 && m) return { command, version: m[1]!, major: Number(m[2]) }
  }
  return undefined
}

const cli = findAws()
if (!cli)
  console.warn(
    `[aws-cli-tutorial] skipped: no working aws CLI (tried ${candidates.join(', ')}; install aws-cli or set AWS_CLI to its path)`,
  )
// aws-cli exits 254 for a service error in v2, 255 in v1.
const SERVICE_ERROR = cli?.major === 1 ? 255 : 254

interface Ran {
  code: number
  stdout: string
  stderr: string
}

let running: RunningEmulator

/** Runs the CLI asynchronously: the emulator answers from this same process, so never block it. */
function aws(line: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      cli!.command,
      ['--endpoint-url', running.endpoint, ...line],
      { cwd: work, env, maxBuffer: 64 * MiB, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
const ok = async (line: string[]) => {
  const r = await aws(line)
  expect(r.code, `aws ${line.join(' ')}\n${r.stderr}`).toBe(0)
  return r
}
const file = (name: string) => join(work, name)
const md5 = (data: Uint8Array | string) => createHash('md5').update(data).digest('hex')

beforeAll(async () => {
  if (cli) running = await startEmulator()
})
afterAll(async () => {
  await running?.close()
  rmSync(home, { recursive: true, force: true })
  rmSync(work, { recursive: true, force: true })
})

const TEXT = 'Hello, encrypted world\n'
const stored = (bucket: string, key: string) => running.emulator.s3.bucket(bucket).objects.get(key)

describe.skipIf(!cli)(
  `the tutorial with the real aws CLI (${cli ? `${cli.command}, aws-cli/${cli.version}` : 'not installed'})`,
  () => {
    it('aws s3 mb s3://my-s3-bucket', async () => {
      const r = await ok(['s3', 'mb', 's3://my-s3-bucket'])
      expect(r.stdout).toBe('make_bucket: my-s3-bucket\n')
      expect(running.emulator.s3.buckets.has('my-s3-bucket')).toBe(true)
    })

    it('aws s3 cp testfile.txt s3://my-s3-bucket/testfile.txt --sse AES256', async () => {
      writeFileSync(file('testfile.txt'), TEXT)
      const r = await ok(['s3', 'cp', 'testfile.txt', 's3://my-s3-bucket/testfile.txt', '--sse', 'AES256'])
      expect(r.stdout).toContain('upload: ./testfile.txt to s3://my-s3-bucket/testfile.txt')
      const object = stored('my-s3-bucket', 'testfile.txt')!
      expect(object.sse.algorithm).toBe('AES256')
      expect(object.size).toBe(TEXT.length)
      expect(
        Buffer.from(storedBytes(running.emulator, object.sealed.parts[0]!)).includes(Buffer.from('encrypted world')),
      ).toBe(false)
    })

    it('aws s3api put-object --server-side-encryption AES256 prints the ETag (MD5) and AES256', async () => {
      const r = await ok([
        's3api',
        'put-object',
        '--bucket',
        'my-s3-bucket',
        '--key',
        'object-key-name',
        '--server-side-encryption',
        'AES256',
        '--body',
        'testfile.txt',
      ])
      const out = JSON.parse(r.stdout)
      expect(out.ServerSideEncryption).toBe('AES256')
      expect(out.ETag).toBe(`"${md5(TEXT)}"`)
    })

    it('aws s3api head-object shows "ServerSideEncryption": "AES256" for both uploads', async () => {
      for (const key of ['object-key-name', 'testfile.txt']) {
        const r = await ok(['s3api', 'head-object', '--bucket', 'my-s3-bucket', '--key', key])
        expect(r.stdout).toContain('"ServerSideEncryption": "AES256"')
        const out = JSON.parse(r.stdout)
        expect(out).toMatchObject({
          ContentLength: TEXT.length,
          ETag: `"${md5(TEXT)}"`,
          ServerSideEncryption: 'AES256',
          AcceptRanges: 'bytes',
        })
      }
    })

    it('aws s3 cp s3://my-s3-bucket/testfile.txt downloadedfile.txt gives back the same bytes', async () => {
      const r = await ok(['s3', 'cp', 's3://my-s3-bucket/testfile.txt', 'downloadedfile.txt'])
      expect(r.stdout).toContain('download: s3://my-s3-bucket/testfile.txt to ./downloadedfile.txt')
      expect(readFileSync(file('downloadedfile.txt'))).toEqual(readFileSync(file('testfile.txt')))
    })

    it('aws s3api put-bucket-encryption with the tutorial JSON', async () => {
      const configuration = `{
    "Rules": [
        {
            "ApplyServerSideEncryptionByDefault": {
                "SSEAlgorithm": "AES256"
            }
        }
    ]
}`
      const r = await ok([
        's3api',
        'put-bucket-encryption',
        '--bucket',
        'my-s3-bucket',
        '--server-side-encryption-configuration',
        configuration,
      ])
      expect(r.stdout).toBe('')
      expect(running.emulator.s3.bucket('my-s3-bucket').encryptionExplicit).toBe(true)
    })

    it('aws s3api get-bucket-encryption reports AES256 (and, for CLIs whose model knows it, SSE-C still blocked)', async () => {
      const r = await ok(['s3api', 'get-bucket-encryption', '--bucket', 'my-s3-bucket'])
      const rules = JSON.parse(r.stdout).ServerSideEncryptionConfiguration.Rules
      expect(rules).toHaveLength(1)
      expect(rules[0].ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' })
      expect(rules[0].BucketKeyEnabled).toBe(false)
      // aws-cli 2.9's botocore predates BlockedEncryptionTypes (Nov 2025) and drops the element; newer CLIs show it.
      if ('BlockedEncryptionTypes' in rules[0])
        expect(rules[0].BlockedEncryptionTypes).toEqual({ EncryptionType: ['SSE-C'] })
    })

    it('aws s3 ls lists both objects', async () => {
      const r = await ok(['s3', 'ls', 's3://my-s3-bucket'])
      expect(r.stdout).toMatch(
        new RegExp(
          `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +${TEXT.length} object-key-name\\n\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +${TEXT.length} testfile.txt\\n$`,
        ),
      )
    })
  },
)

describe.skipIf(!cli)('larger files', () => {
  it(
    '7 MiB (below the 8 MiB multipart threshold): aws s3 cp up and down, byte for byte',
    { timeout: 120_000 },
    async () => {
      const data = randomBytes(7 * MiB)
      writeFileSync(file('seven.bin'), data)
      await ok(['s3', 'cp', 'seven.bin', 's3://my-s3-bucket/seven.bin', '--sse', 'AES256'])
      expect(stored('my-s3-bucket', 'seven.bin')!.etag).toBe(`"${md5(data)}"`)
      await ok(['s3', 'cp', 's3://my-s3-bucket/seven.bin', 'seven.down'])
      expect(readFileSync(file('seven.down')).equals(data)).toBe(true)
    },
  )

  it(
    '20 MiB put with s3api put-object (one PUT), then aws s3 cp down (parallel ranged GETs), byte for byte',
    { timeout: 120_000 },
    async () => {
      const data = randomBytes(20 * MiB)
      writeFileSync(file('twenty.bin'), data)
      const put = await ok([
        's3api',
        'put-object',
        '--bucket',
        'my-s3-bucket',
        '--key',
        'twenty.bin',
        '--body',
        'twenty.bin',
      ])
      expect(JSON.parse(put.stdout).ETag).toBe(`"${md5(data)}"`)
      await ok(['s3', 'cp', 's3://my-s3-bucket/twenty.bin', 'twenty.down'])
      expect(readFileSync(file('twenty.down')).equals(data)).toBe(true)
    },
  )

  it(
    '20 MiB aws s3 cp upload is a multipart upload: a -N ETag, and the bytes come back',
    { timeout: 120_000 },
    async () => {
      const data = randomBytes(20 * MiB)
      writeFileSync(file('twenty-up.bin'), data)
      await ok(['s3', 'cp', 'twenty-up.bin', 's3://my-s3-bucket/twenty-up.bin', '--sse', 'AES256'])
      const object = stored('my-s3-bucket', 'twenty-up.bin')!
      expect(object.etag).toMatch(/^"[0-9a-f]{32}-\d+"$/)
      expect(object.parts!.length).toBeGreaterThan(1)
      expect(running.emulator.s3.bucket('my-s3-bucket').uploads.size).toBe(0)
      await ok(['s3', 'cp', 's3://my-s3-bucket/twenty-up.bin', 'twenty-up.down'])
      expect(readFileSync(file('twenty-up.down')).equals(data)).toBe(true)
    },
  )
})

describe.skipIf(!cli)('errors print what aws-cli prints', () => {
  it('NoSuchBucket', async () => {
    const r = await aws(['s3api', 'get-object', '--bucket', 'no-such-bucket-here', '--key', 'k', 'out.txt'])
    expect(r).toEqual({
      code: SERVICE_ERROR,
      stdout: '',
      stderr:
        '\nAn error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist\n',
    })
  })

  it('NoSuchKey on get-object', async () => {
    const r = await aws(['s3api', 'get-object', '--bucket', 'my-s3-bucket', '--key', 'missing.txt', 'out.txt'])
    expect(r).toEqual({
      code: SERVICE_ERROR,
      stdout: '',
      stderr:
        '\nAn error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.\n',
    })
  })

  it('head-object of a missing key: HEAD has no body, so the CLI can only say 404 Not Found', async () => {
    const r = await aws(['s3api', 'head-object', '--bucket', 'my-s3-bucket', '--key', 'missing.txt'])
    expect(r).toEqual({
      code: SERVICE_ERROR,
      stdout: '',
      stderr: '\nAn error occurred (404) when calling the HeadObject operation: Not Found\n',
    })
  })

  it('an unknown --server-side-encryption value is refused by S3 (E1), not by the CLI', async () => {
    const r = await aws([
      's3api',
      'put-object',
      '--bucket',
      'my-s3-bucket',
      '--key',
      'bad-sse',
      '--server-side-encryption',
      'AES128',
      '--body',
      'testfile.txt',
    ])
    expect(r.code).toBe(SERVICE_ERROR)
    expect(r.stderr).toContain(
      'An error occurred (InvalidArgument) when calling the PutObject operation: The encryption method specified is not supported',
    )
  })
})

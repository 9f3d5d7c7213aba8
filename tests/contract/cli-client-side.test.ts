/**
 * What aws-cli decides before (or instead of) the service: botocore's parameter validation (the model's min
 * only: lengths and integer values; exit 252, nothing sent), an SSE-C key MD5 sent as typed, and flexible
 * checksums on uploads (CRC32 unless request_checksum_calculation = when_required). The simulated CLI is run
 * against the Node host; the real aws-cli 2.9.19 runs the same lines where installed, and must agree.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestEvent } from '@/lib/emulator/events'
import { cliAgainst } from '../helpers/cli'
import { findAws, runAws } from '../helpers/aws-cli'
import { startEmulator, type RunningEmulator } from '../helpers/server'

let server: RunningEmulator
let cli: ReturnType<typeof cliAgainst>
const events: RequestEvent[] = []
const cwd = mkdtempSync(join(tmpdir(), 'cli-client-side-'))
const aws = findAws()
const real = aws?.major === 2 && aws.version.startsWith('2.9.') ? aws : undefined
if (!real) console.warn('[cli-client-side] the comparison with the real aws-cli 2.9 is skipped: not installed')

const KEY = Buffer.alloc(32, 3).toString('base64')
const RAW_KEY = '0123456789abcdef0123456789abcdef'
const WRONG_MD5 = 'AAAAAAAAAAAAAAAAAAAAAA=='

beforeAll(async () => {
  server = await startEmulator({ allowSseCOverHttp: true, blockSseCOnNewBuckets: false })
  server.emulator.events.subscribe((e) => events.push(e))
  cli = cliAgainst(server.endpoint)
  writeFileSync(join(cwd, 'hi.txt'), 'hi\n')
  await cli.run('echo hi > hi.txt')
  expect((await cli.run('aws s3 mb s3://client-side')).code).toBe(0)
})
afterAll(() => server?.close())

// Recorded from aws-cli 2.9.19 (Debian's awscli) against this emulator.
const LINES: [line: string[], code: number, stderr: string, sent: boolean][] = [
  [
    ['kms', 'generate-data-key', '--key-id', 'alias/x', '--number-of-bytes', '0'],
    252,
    '\nParameter validation failed:\nInvalid value for parameter NumberOfBytes, value: 0, valid min value: 1\n',
    false,
  ],
  [
    ['kms', 'generate-data-key', '--key-id', '', '--number-of-bytes', '0'],
    252,
    '\nParameter validation failed:\nInvalid length for parameter KeyId, value: 0, valid min length: 1\nInvalid value for parameter NumberOfBytes, value: 0, valid min value: 1\n',
    false,
  ],
  [
    ['kms', 'list-keys', '--limit', '0'],
    252,
    '\nParameter validation failed:\nInvalid value for parameter Limit, value: 0, valid min value: 1\n',
    false,
  ],
  [
    ['kms', 'create-alias', '--alias-name', '', '--target-key-id', 'x'],
    252,
    '\nParameter validation failed:\nInvalid length for parameter AliasName, value: 0, valid min length: 1\n',
    false,
  ],
  // botocore checks no max and no pattern: these reach the service.
  [
    ['kms', 'create-alias', '--alias-name', 'bad name', '--target-key-id', 'x'],
    254,
    "\nAn error occurred (ValidationException) when calling the CreateAlias operation: 1 validation error detected: Value 'bad name' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$\n",
    true,
  ],
  // A typed MD5 goes out as typed (with the key as typed), and S3 refuses what does not match.
  [
    [
      's3api',
      'put-object',
      '--bucket',
      'client-side',
      '--key',
      'k',
      '--body',
      'hi.txt',
      '--sse-customer-algorithm',
      'AES256',
      '--sse-customer-key',
      KEY,
      '--sse-customer-key-md5',
      WRONG_MD5,
    ],
    254,
    '\nAn error occurred (InvalidArgument) when calling the PutObject operation: The calculated MD5 hash of the key did not match the hash that was provided.\n',
    true,
  ],
  [
    [
      's3api',
      'put-object',
      '--bucket',
      'client-side',
      '--key',
      'k',
      '--body',
      'hi.txt',
      '--sse-customer-algorithm',
      'AES256',
      '--sse-customer-key',
      RAW_KEY,
      '--sse-customer-key-md5',
      WRONG_MD5,
    ],
    254,
    '\nAn error occurred (InvalidArgument) when calling the PutObject operation: The secret key was invalid for the specified algorithm.\n',
    true,
  ],
]

const quote = (a: string) => (a === '' ? "''" : /[^\w@%+=:,./-]/.test(a) ? `'${a}'` : a)

describe('client-side checks, as aws-cli 2.9.19 makes them', () => {
  it.each(LINES)('aws %j', async (line, code, stderr, sent) => {
    const before = events.length
    const simulated = await cli.run(`aws ${line.map(quote).join(' ')}`)
    expect([simulated.code, simulated.stderr]).toEqual([code, stderr])
    expect(events.length > before).toBe(sent)
  })

  // The real CLI takes seconds to start: its lines run side by side.
  it.skipIf(!real)(`the real aws-cli 2.9 prints the same${real ? '' : ' (skipped: not installed)'}`, async () => {
    const runs = await Promise.all(LINES.map(([line]) => runAws(real!.command, server.endpoint, cwd, line)))
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(LINES.map(([, code, stderr]) => [code, stderr]))
  })
})

describe('flexible checksums on uploads (current aws-cli v2)', () => {
  it('put-object sends a CRC32 by default, which head-object --checksum-mode ENABLED shows', async () => {
    const put = await cli.run('aws s3api put-object --bucket client-side --key crc.txt --body hi.txt')
    expect(JSON.parse(put.stdout)).toMatchObject({ ChecksumCRC32: '7W96eg==', ChecksumType: 'FULL_OBJECT' })
    const head = await cli.run('aws s3api head-object --bucket client-side --key crc.txt --checksum-mode ENABLED')
    expect(JSON.parse(head.stdout)).toMatchObject({ ChecksumCRC32: '7W96eg==', ChecksumType: 'FULL_OBJECT' })
    const get = await cli.run('aws s3api get-object --bucket client-side --key crc.txt --checksum-mode ENABLED out.txt')
    expect(JSON.parse(get.stdout)).toMatchObject({ ChecksumCRC32: '7W96eg==', ChecksumType: 'FULL_OBJECT' })
  })

  it('request_checksum_calculation = when_required: no CRC32 sent; S3 computes its CRC64NVME', async () => {
    expect((await cli.run('aws configure set request_checksum_calculation when_required')).code).toBe(0)
    const put = await cli.run('aws s3api put-object --bucket client-side --key plain.txt --body hi.txt')
    const sent = JSON.parse(put.stdout) as Record<string, string>
    expect(sent.ChecksumCRC32).toBeUndefined()
    expect(sent).toMatchObject({ ChecksumCRC64NVME: expect.any(String), ChecksumType: 'FULL_OBJECT' })
    const head = await cli.run('aws s3api head-object --bucket client-side --key plain.txt --checksum-mode ENABLED')
    expect(JSON.parse(head.stdout)).toMatchObject({ ChecksumCRC64NVME: sent.ChecksumCRC64NVME })
    const bad = await cli.run('aws configure set request_checksum_calculation sometimes')
    expect([bad.code, bad.stderr]).toEqual([
      255,
      "\nUnsupported configuration value for request_checksum_calculation. Expected one of ('when_supported', 'when_required') but got 'sometimes'.\n",
    ])
    expect((await cli.run('aws configure set request_checksum_calculation when_supported')).code).toBe(0)
    const again = await cli.run('aws s3api put-object --bucket client-side --key crc2.txt --body hi.txt')
    expect(JSON.parse(again.stdout)).toMatchObject({ ChecksumCRC32: '7W96eg==' })
  })
})

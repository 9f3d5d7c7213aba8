import { describe, expect, it } from 'vitest'
import { operationByCliName } from '@/lib/cli/aws/model'
import { API_SERVICES } from '@/lib/cli/aws/services'
import { parseOperationArgs } from '@/lib/cli/aws/params'
import { UsageError } from '@/lib/cli/aws/usage'
import { Vfs } from '@/lib/cli/shell/vfs'
import { utf8 } from '@/lib/crypto/bytes'

const model = API_SERVICES[0]!.model
const op = (name: string) => operationByCliName(model, name)!
const parse = (name: string, args: string[], vfs = new Vfs()) => parseOperationArgs(model, op(name), args, vfs)
const usage = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    if (e instanceof UsageError) return e.text
    throw e
  }
  throw new Error('no usage error')
}

describe('parseOperationArgs', () => {
  it('maps aws-cli names to API members, both --flag value and --flag=value', () => {
    const vfs = new Vfs()
    vfs.write('f.txt', utf8('hi'))
    const { input } = parse(
      'put-object',
      [
        '--bucket',
        'b',
        '--key=k',
        '--server-side-encryption',
        'AES256',
        '--ssekms-key-id',
        'x',
        '--body',
        'f.txt',
        '--bucket-key-enabled',
      ],
      vfs,
    )
    expect(input).toEqual({
      Bucket: 'b',
      Key: 'k',
      ServerSideEncryption: 'AES256',
      SSEKMSKeyId: 'x',
      Body: utf8('hi'),
      BucketKeyEnabled: true,
    })
    expect(parse('put-object', ['--bucket', 'b', '--key', 'k', '--no-bucket-key-enabled']).input.BucketKeyEnabled).toBe(
      false,
    )
  })

  it("takes get-object's outfile as a positional argument", () => {
    expect(parse('get-object', ['--bucket', 'b', '--key', 'k', 'out.txt']).positional).toBe('out.txt')
    expect(usage(() => parse('get-object', ['--bucket', 'b', '--key', 'k']))).toContain(
      'the following arguments are required: outfile',
    )
  })

  it('names every missing required argument, in model order', () => {
    expect(usage(() => parse('head-object', []))).toContain(
      'aws: error: the following arguments are required: --bucket, --key',
    )
  })

  it('parses structures from JSON and from shorthand', () => {
    const json = parse('put-bucket-encryption', [
      '--bucket',
      'b',
      '--server-side-encryption-configuration',
      '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BucketKeyEnabled":true}]}',
    ])
    const short = parse('put-bucket-encryption', [
      '--bucket',
      'b',
      '--server-side-encryption-configuration',
      'Rules=[{ApplyServerSideEncryptionByDefault={SSEAlgorithm=AES256},BucketKeyEnabled=true}]',
    ])
    expect(short.input).toEqual(json.input)
  })

  it("validates structures with botocore's messages", () => {
    const text = usage(() =>
      parse('put-bucket-encryption', [
        '--bucket',
        'b',
        '--server-side-encryption-configuration',
        '{"Rules":[{"Foo":1,"ApplyServerSideEncryptionByDefault":{}}]}',
      ]),
    )
    expect(text).toBe(
      '\nParameter validation failed:\n' +
        'Unknown parameter in ServerSideEncryptionConfiguration.Rules[0]: "Foo", must be one of: ApplyServerSideEncryptionByDefault, BucketKeyEnabled, BlockedEncryptionTypes\n' +
        'Missing required parameter in ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault: "SSEAlgorithm"\n',
    )
  })

  it('rejects a --body that is not a file, and a bad integer, as aws-cli does', () => {
    expect(usage(() => parse('put-object', ['--bucket', 'b', '--key', 'k', '--body', 'nope.txt']))).toBe(
      "\nError parsing parameter '--body': Blob values must be a path to a file.\n",
    )
    expect(usage(() => parse('list-objects-v2', ['--bucket', 'b', '--max-keys', 'ten']))).toBe(
      "\ninvalid literal for int() with base 10: 'ten'\n",
    )
  })

  it('reports shorthand syntax errors with a caret under the spot', () => {
    const value = 'Rules=[{ApplyServerSideEncryptionByDefault={SSEAlgorithm=AES256},BucketKeyEnabled=true}'
    expect(
      usage(() => parse('put-bucket-encryption', ['--bucket', 'b', '--server-side-encryption-configuration', value])),
    ).toBe(
      `\nError parsing parameter '--server-side-encryption-configuration': Expected: ',', received: 'EOF' for input:\n${value}\n${' '.repeat(value.length)}^\n`,
    )
  })

  it('reads file:// arguments', () => {
    const vfs = new Vfs()
    vfs.write('enc.json', utf8('{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'))
    const { input } = parse(
      'put-bucket-encryption',
      ['--bucket', 'b', '--server-side-encryption-configuration', 'file://enc.json'],
      vfs,
    )
    expect(input.ServerSideEncryptionConfiguration).toEqual({
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    })
  })
})

describe('help pages', () => {
  it('are generated from the model: synopsis marks required options, options carry their type and enum values', async () => {
    const { operationHelp } = await import('@/lib/cli/aws/help')
    const page = operationHelp('s3api', model, op('put-object'))
    expect(page).toMatch(/^PUT-OBJECT\(\) +PUT-OBJECT\(\)\n/)
    expect(page).toContain('          --bucket <value>\n')
    expect(page).toContain('          [--server-side-encryption <value>]\n')
    expect(page).toContain('          [--bucket-key-enabled | --no-bucket-key-enabled]\n')
    expect(page).toMatch(
      /--server-side-encryption \(string\)\n[\s\S]*?Possible values:\n\n {10}o AES256\n {10}o aws:fsx\n {10}o aws:kms\n {10}o aws:kms:dsse\n/,
    )
    expect(page).toContain('OUTPUT\n       Expiration -> (string)')
  })
})

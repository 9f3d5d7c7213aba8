/** The simulated terminal runs the SSE-S3 tutorial through the real SDK against the emulator's HTTP host. */
import { describe, expect, it } from 'vitest'
import { emulatorCliForFile } from '../helpers/cli'

const { run } = emulatorCliForFile()

describe('the tutorial, command for command', () => {
  it('aws s3 mb', async () => {
    expect(await run('aws s3 mb s3://my-s3-bucket')).toEqual({
      code: 0,
      stdout: 'make_bucket: my-s3-bucket\n',
      stderr: '',
    })
  })

  it('creates a test file and uploads it with --sse AES256', async () => {
    expect((await run('echo "Hello, encrypted world" > testfile.txt')).code).toBe(0)
    const r = await run('aws s3 cp testfile.txt s3://my-s3-bucket/testfile.txt --sse AES256')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^Completed 23 Bytes\/23 Bytes \(.+\/s\) with 1 file\(s\) remaining\rupload: \.\/testfile\.txt to s3:\/\/my-s3-bucket\/testfile\.txt +\n$/,
    )
  })

  it('put-object --server-side-encryption AES256 prints the ETag, checksum and AES256 in model order', async () => {
    const r = await run(
      'aws s3api put-object --bucket my-s3-bucket --key object-key-name --server-side-encryption AES256 --body testfile.txt',
    )
    expect(r.code).toBe(0)
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['ETag', 'ChecksumCRC32', 'ChecksumType', 'ServerSideEncryption'])
    expect(JSON.parse(r.stdout).ServerSideEncryption).toBe('AES256')
  })

  it('head-object shows "ServerSideEncryption": "AES256" in aws-cli layout', async () => {
    const r = await run('aws s3api head-object --bucket my-s3-bucket --key testfile.txt')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('    "ServerSideEncryption": "AES256",\n')
    expect(Object.keys(JSON.parse(r.stdout))).toEqual([
      'AcceptRanges',
      'LastModified',
      'ContentLength',
      'ETag',
      'ContentType',
      'ServerSideEncryption',
      'Metadata',
    ])
    expect(JSON.parse(r.stdout).LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
  })

  it('downloads and cmp finds the files identical', async () => {
    const r = await run('aws s3 cp s3://my-s3-bucket/testfile.txt downloadedfile.txt')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('download: s3://my-s3-bucket/testfile.txt to ./downloadedfile.txt')
    expect(await run('cmp testfile.txt downloadedfile.txt && echo identical')).toEqual({
      code: 0,
      stdout: 'identical\n',
      stderr: '',
    })
  })

  it('sets, reads and deletes the bucket default encryption', async () => {
    const set = await run(
      `aws s3api put-bucket-encryption --bucket my-s3-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'`,
    )
    expect(set).toEqual({ code: 0, stdout: '', stderr: '' })
    const get = await run('aws s3api get-bucket-encryption --bucket my-s3-bucket')
    expect(
      JSON.parse(get.stdout).ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault,
    ).toEqual({ SSEAlgorithm: 'AES256' })
    expect((await run('aws s3api delete-bucket-encryption --bucket my-s3-bucket')).code).toBe(0)
  })

  it('lists the bucket the way aws s3 ls does', async () => {
    const r = await run('aws s3 ls s3://my-s3-bucket')
    expect(r.stdout).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d         23 object-key-name\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d         23 testfile.txt\n$/,
    )
  })
})

describe('bad input prints what aws-cli prints, and the terminal keeps working', () => {
  const usage =
    'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n'

  it('an unknown command', async () => {
    const r = await run('aws s3ap ls')
    expect(r.code).toBe(252)
    // Every aws-cli command is listed, in aws-cli's two columns, with the difflib suggestion.
    expect(
      r.stderr.startsWith(
        `\n${usage}\naws: error: argument command: Invalid choice, valid choices are:\n\naccessanalyzer`,
      ),
    ).toBe(true)
    expect(r.stderr).toMatch(/(\n| \| )kms {30,}/)
    expect(r.stderr.endsWith("\n\n\nInvalid choice: 's3ap', maybe you meant:\n\n  * s3api\n\n")).toBe(true)
  })

  it('a real aws-cli command the playground does not simulate says so', async () => {
    const r = await run('aws ec2 describe-instances')
    expect(r.code).toBe(252)
    expect(r.stderr).toBe(
      '\naws ec2 is a real aws-cli command, but the S3 Encryption Playground does not simulate it. It simulates: cloudtrail, configure, kms, s3, s3api, sts.\n',
    )
    expect((await run('aws s3api put-bucket-tagging --bucket b')).stderr).toContain(
      'aws s3api put-bucket-tagging is a real aws-cli command, but',
    )
  })

  it('an unknown option', async () => {
    const r = await run('aws s3api head-object --bucket my-s3-bucket --key x --bogus 1')
    expect(r).toEqual({ code: 252, stdout: '', stderr: `\n${usage}\nUnknown options: --bogus, 1\n\n` })
  })

  it('a missing --bucket', async () => {
    expect(await run('aws s3api put-object --key k')).toEqual({
      code: 252,
      stdout: '',
      stderr: `\n${usage}\naws: error: the following arguments are required: --bucket\n\n`,
    })
  })

  it('bad JSON in --server-side-encryption-configuration', async () => {
    const r = await run(
      "aws s3api put-bucket-encryption --bucket my-s3-bucket --server-side-encryption-configuration '{bad'",
    )
    expect(r).toEqual({
      code: 252,
      stdout: '',
      stderr:
        "\nError parsing parameter '--server-side-encryption-configuration': Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\nJSON received: {bad\n",
    })
  })

  it('NoSuchBucket and NoSuchKey', async () => {
    expect(await run('aws s3api get-object --bucket nope-bucket --key k out.txt')).toEqual({
      code: 254,
      stdout: '',
      stderr:
        '\nAn error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist\n',
    })
    expect(await run('aws s3api get-object --bucket my-s3-bucket --key missing out.txt')).toEqual({
      code: 254,
      stdout: '',
      stderr:
        '\nAn error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.\n',
    })
  })

  it('HEAD of a missing key: 404 with no body', async () => {
    expect(await run('aws s3api head-object --bucket my-s3-bucket --key missing')).toEqual({
      code: 254,
      stdout: '',
      stderr: '\nAn error occurred (404) when calling the HeadObject operation: Not Found\n',
    })
  })

  it('aws configure sets the default region and output', async () => {
    expect(await run('aws configure get region')).toEqual({ code: 1, stdout: '', stderr: '' })
    expect((await run('aws configure set output yaml')).code).toBe(0)
    expect((await run('aws configure get output')).stdout).toBe('yaml\n')
    expect((await run('aws s3api head-object --bucket my-s3-bucket --key testfile.txt')).stdout).toContain(
      'ServerSideEncryption: AES256\n',
    )
    expect(
      (await run('aws s3api head-object --bucket my-s3-bucket --key testfile.txt --output json')).stdout,
    ).toContain('"ServerSideEncryption": "AES256"')
    const list = (await run('aws configure list')).stdout.split('\n')
    expect(list[0]).toBe('      Name                    Value             Type    Location')
    expect(list[3]).toBe('access_key     ****************MPLE       playground    ')
    await run('aws configure set output json')
  })

  it('still works after all of that', async () => {
    expect((await run('aws s3api head-object --bucket my-s3-bucket --key testfile.txt')).code).toBe(0)
  })
})

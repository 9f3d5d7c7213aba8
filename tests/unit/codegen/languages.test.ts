/** Code for a command, from the parsed command and the model: member names, values, files, encryption marks. */
import { describe, expect, it } from 'vitest'
import { sdkCallOf, CodegenError } from '@/lib/codegen/call'
import { codeFor, javaName } from '@/lib/codegen/languages'
import { shellOnly } from '../../helpers/cli'

async function callFor(line: string) {
  const { session } = await shellOnly('echo hello > f.txt')
  return sdkCallOf(line.split(' ').slice(1), session.shell.vfs)
}

describe('code for an aws command', () => {
  it('keeps every parameter, in any option order, and marks the encryption ones', async () => {
    const a = await callFor(
      'aws s3api put-object --bucket b --key k --body f.txt --server-side-encryption aws:kms --ssekms-key-id alias/x',
    )
    const b = await callFor(
      'aws s3api put-object --ssekms-key-id alias/x --body f.txt --server-side-encryption aws:kms --key k --bucket b',
    )
    expect(codeFor(a, 'python')).toBe(codeFor(b, 'python'))
    const py = codeFor(a, 'python')
    expect(py).toMatch(/^import boto3\n\nclient = boto3.client\('s3'\)\n/)
    expect(py).toContain("response = client.put_object(\n    Body=open('f.txt', 'rb'),\n    Bucket='b',\n    Key='k',")
    expect(py).toContain("    ServerSideEncryption='aws:kms',  # encryption\n")
    expect(py).toContain("    SSEKMSKeyId='alias/x',  # encryption\n")
    expect(py).not.toMatch(/Bucket='b',\s+# encryption/)
    const js = codeFor(a, 'javascript')
    expect(js).toContain("import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3'")
    expect(js).toContain("  Body: readFileSync('f.txt'),")
    expect(js).toContain("  SSEKMSKeyId: 'alias/x', // encryption")
    const java = codeFor(a, 'java')
    expect(java).toContain('.ssekmsKeyId("alias/x")')
    expect(java).toContain('RequestBody.fromFile(Paths.get("f.txt"))')
    const go = codeFor(a, 'go')
    expect(go).toContain('\tServerSideEncryption: types.ServerSideEncryption("aws:kms"), // encryption')
    expect(go).toContain('\tBucket: aws.String("b"),')
  })

  it('writes nested structures from JSON or shorthand with the model types', async () => {
    const call = await callFor(
      'aws s3api put-bucket-encryption --bucket b --server-side-encryption-configuration ' +
        '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}',
    )
    const go = codeFor(call, 'go')
    expect(go).toContain('[]types.ServerSideEncryptionRule{{')
    expect(go).toContain('&types.ServerSideEncryptionByDefault{')
    expect(go).toContain('SSEAlgorithm: types.ServerSideEncryption("aws:kms"),')
    expect(go).toContain('BucketKeyEnabled: aws.Bool(true),')
    expect(codeFor(call, 'python')).toContain("'BucketKeyEnabled': True,")
    expect(codeFor(call, 'java')).toContain('.bucketKeyEnabled(true)')
  })

  it('numbers keep their width in Go and Java', async () => {
    const call = await callFor('aws kms generate-random --number-of-bytes 32')
    expect(codeFor(call, 'go')).toContain('NumberOfBytes: aws.Int32(32),')
    expect(codeFor(call, 'python')).toContain("client = boto3.client('kms')")
  })

  it('refuses what is not an API command, and reports the CLI own parameter errors', async () => {
    const { session } = await shellOnly()
    expect(() => sdkCallOf(['s3', 'ls'], session.shell.vfs)).toThrow(CodegenError)
    expect(() => sdkCallOf(['s3api', 'no-such-op'], session.shell.vfs)).toThrow(CodegenError)
  })

  it("Java's builder names lower the leading capitals as the SDK does", () => {
    expect(javaName('SSEKMSKeyId')).toBe('ssekmsKeyId')
    expect(javaName('SSECustomerKey')).toBe('sseCustomerKey')
    expect(javaName('ServerSideEncryption')).toBe('serverSideEncryption')
    expect(javaName('Bucket')).toBe('bucket')
    expect(javaName('ContentMD5')).toBe('contentMD5')
  })

  it('is the terminal command playground code, with usage errors like the other playground commands', async () => {
    const ok = await shellOnly('playground code python aws s3api head-object --key k --bucket b')
    expect(ok.code).toBe(0)
    expect(ok.out).toContain("response = client.head_object(\n    Bucket='b',\n    Key='k',\n)")
    const unknown = await shellOnly('playground code cobol aws s3api head-object --bucket b --key k')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/^usage: playground code python\|javascript\|java\|go aws/)
    const transfer = await shellOnly('playground code go aws s3 ls')
    expect(transfer.code).toBe(2)
    expect(transfer.err).toContain('playground code: code is shown for API commands')
  })
})

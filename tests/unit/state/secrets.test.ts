/** What a saved session leaves out: SSE-C keys, KMS plaintexts and AWS secrets, wherever they were typed. */
import { describe, expect, it } from 'vitest'
import { REDACTED, redactLine, secretReferences } from '@/lib/state/secrets'

const KEY = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY='

describe('redactLine', () => {
  it('replaces literal secret option values in every spelling', () => {
    expect(redactLine(`aws s3 cp f s3://b/k --sse-c AES256 --sse-c-key ${KEY}`)).toBe(
      `aws s3 cp f s3://b/k --sse-c AES256 --sse-c-key ${REDACTED}`,
    )
    expect(
      redactLine(`aws s3api put-object --bucket b --key k --sse-customer-key="${KEY}" --sse-customer-algorithm AES256`),
    ).toBe(`aws s3api put-object --bucket b --key k --sse-customer-key=${REDACTED} --sse-customer-algorithm AES256`)
    expect(
      redactLine(`aws s3api copy-object --copy-source-sse-customer-key '${KEY}' --sse-c-copy-source-key ${KEY}`),
    ).not.toContain(KEY)
    expect(redactLine('aws kms encrypt --key-id alias/a --plaintext aGVsbG8=')).toBe(
      `aws kms encrypt --key-id alias/a --plaintext ${REDACTED}`,
    )
    expect(redactLine('export AWS_SECRET_ACCESS_KEY=wJalr/abc && AWS_SESSION_TOKEN="t o k" aws s3 ls')).toBe(
      `export AWS_SECRET_ACCESS_KEY=${REDACTED} && AWS_SESSION_TOKEN=${REDACTED} aws s3 ls`,
    )
    expect(redactLine('aws configure set aws_secret_access_key abc123')).toBe(
      `aws configure set aws_secret_access_key ${REDACTED}`,
    )
  })

  it('drops what a line wrote into a file used as a key', () => {
    const isKey = (p: string) => p === 'customer.key'
    expect(redactLine(`echo -n ${KEY} > customer.key`, isKey)).toBe(`echo ${REDACTED} > customer.key`)
    expect(redactLine(`printf %s ${KEY} >> 'customer.key'`, isKey)).toBe(`printf ${REDACTED} >> 'customer.key'`)
    expect(redactLine('echo hello > notes.txt', isKey)).toBe('echo hello > notes.txt')
  })

  it('keeps file references, variables and harmless lines as they are', () => {
    for (const line of [
      'aws s3 cp f s3://b/k --sse-c AES256 --sse-c-key fileb://sse.key',
      'aws s3api get-object --sse-customer-key $KEY --bucket b --key k out',
      'export REGION=eu-west-1',
      'aws s3 ls',
    ])
      expect(redactLine(line)).toBe(line)
  })
})

describe('secretReferences', () => {
  it('finds files and variables used as secret values, and secret-looking variables', () => {
    const refs = secretReferences(
      [
        'openssl rand -out sse.key 32',
        'aws s3 cp f s3://b/k --sse-c AES256 --sse-c-key fileb://sse.key',
        'aws s3api get-object --sse-customer-key=${CUSTOMER} --bucket b --key k out',
        'aws kms encrypt --plaintext fileb://secret.txt --key-id k',
        'echo "unterminated',
      ],
      { CUSTOMER: 'x', MY_PASSWORD: 'y', REGION: 'z' },
    )
    expect(refs.files.sort()).toEqual(['secret.txt', 'sse.key'])
    expect(refs.variables.sort()).toEqual(['CUSTOMER', 'MY_PASSWORD'])
    // The s3ec command's keyrings: AES and RSA key files are secrets, a KMS key id is not.
    const s3ec = secretReferences([
      's3ec put-object --bucket b --key k --body f --keyring aes:fileb://aes.key',
      's3ec get-object --bucket b --key k out --keyring=rsa:file://private.pem',
      's3ec put-object --keyring kms:alias/app --bucket b --key k --body f',
    ])
    expect(s3ec.files.sort()).toEqual(['aes.key', 'private.pem'])
    expect(redactLine('s3ec put-object --keyring kms:alias/app --bucket b --key k --body f')).toContain('kms:alias/app')
  })
})

describe('redacting twice', () => {
  it('leaves an already redacted line as it is (history restored from a save, saved again)', () => {
    for (const line of [
      'aws s3 cp a s3://b/a --sse-c-key 0123456789abcdef0123456789abcdef',
      'export AWS_SECRET_ACCESS_KEY=abc',
      'aws configure set aws_secret_access_key xyz',
      'aws kms encrypt --plaintext=aGk=',
    ]) {
      const once = redactLine(line)
      expect(redactLine(once)).toBe(once)
    }
  })
})

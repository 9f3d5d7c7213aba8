/** Bucket and key from the URL: path style and virtual-hosted style (S3 user guide, "Virtual hosting of buckets"). */
import { describe, expect, it } from 'vitest'
import { parseAddress } from '@/lib/protocol/s3/address'

const at = (url: string) => parseAddress(new URL(url))

describe('path style', () => {
  it('the service, a bucket, a bucket with a trailing slash, an object', () => {
    expect(at('http://127.0.0.1:4566/')).toEqual({})
    expect(at('http://127.0.0.1:4566/my-s3-bucket')).toEqual({ bucket: 'my-s3-bucket' })
    expect(at('http://127.0.0.1:4566/my-s3-bucket/')).toEqual({ bucket: 'my-s3-bucket' })
    expect(at('http://127.0.0.1:4566/my-s3-bucket/testfile.txt')).toEqual({
      bucket: 'my-s3-bucket',
      key: 'testfile.txt',
    })
  })
  it('keys keep their slashes, including empty segments', () => {
    expect(at('http://localhost:4566/b/a/b/c.txt')).toEqual({ bucket: 'b', key: 'a/b/c.txt' })
    expect(at('http://localhost:4566/b//leading')).toEqual({ bucket: 'b', key: '/leading' })
    expect(at('http://localhost:4566/b/dir/')).toEqual({ bucket: 'b', key: 'dir/' })
  })
  it('percent-encoded keys are decoded once; "+" is a literal plus in a path', () => {
    expect(at('http://localhost/b/a%20b%2Fc%3F%23%25.txt').key).toBe('a b/c?#%.txt')
    expect(at('http://localhost/b/caf%C3%A9%20%E2%82%AC').key).toBe('café €')
    expect(at('http://localhost/b/a+b').key).toBe('a+b')
    expect(at('http://localhost/b/%2525').key).toBe('%25')
  })
  it('regional endpoints without a bucket label are path style', () => {
    expect(at('https://s3.amazonaws.com/b1/k')).toEqual({ bucket: 'b1', key: 'k' })
    expect(at('https://s3.us-west-2.amazonaws.com/b1/k')).toEqual({ bucket: 'b1', key: 'k' })
    expect(at('https://s3.emulator.invalid/b1/k')).toEqual({ bucket: 'b1', key: 'k' })
  })
})

describe('virtual-hosted style', () => {
  it('bucket.s3.amazonaws.com and regional forms', () => {
    expect(at('https://my-s3-bucket.s3.amazonaws.com/testfile.txt')).toEqual({
      bucket: 'my-s3-bucket',
      key: 'testfile.txt',
    })
    expect(at('https://my-s3-bucket.s3.us-west-2.amazonaws.com/a/b')).toEqual({ bucket: 'my-s3-bucket', key: 'a/b' })
    expect(at('https://my-s3-bucket.s3-us-west-2.amazonaws.com/k')).toEqual({ bucket: 'my-s3-bucket', key: 'k' })
    expect(at('https://my-s3-bucket.s3.dualstack.eu-west-1.amazonaws.com/k')).toEqual({
      bucket: 'my-s3-bucket',
      key: 'k',
    })
    expect(at('https://my-s3-bucket.s3.cn-north-1.amazonaws.com.cn/k')).toEqual({ bucket: 'my-s3-bucket', key: 'k' })
  })
  it('the bucket alone, with or without a slash', () => {
    expect(at('https://my-s3-bucket.s3.amazonaws.com')).toEqual({ bucket: 'my-s3-bucket' })
    expect(at('https://my-s3-bucket.s3.amazonaws.com/')).toEqual({ bucket: 'my-s3-bucket' })
  })
  it('bucket.localhost:4566 and the browser endpoint', () => {
    expect(at('http://my-s3-bucket.localhost:4566/testfile.txt')).toEqual({
      bucket: 'my-s3-bucket',
      key: 'testfile.txt',
    })
    expect(at('https://my-s3-bucket.s3.emulator.invalid/k')).toEqual({ bucket: 'my-s3-bucket', key: 'k' })
  })
  it('host names are case-insensitive', () => {
    expect(at('https://My-S3-Bucket.S3.AmazonAWS.com/Key')).toEqual({ bucket: 'my-s3-bucket', key: 'Key' })
  })
  it('dotted bucket names keep all their labels', () => {
    expect(at('http://my.dotted.bucket.s3.amazonaws.com/k')).toEqual({ bucket: 'my.dotted.bucket', key: 'k' })
    expect(at('http://my.dotted.bucket.s3.us-west-2.amazonaws.com/k')).toEqual({ bucket: 'my.dotted.bucket', key: 'k' })
    expect(at('http://my.dotted.bucket.localhost:4566/k')).toEqual({ bucket: 'my.dotted.bucket', key: 'k' })
  })
  it('a dotted bucket name with an "s3" label is not mistaken for part of the endpoint', () => {
    expect(at('http://logs.s3.example.com.s3.amazonaws.com/k')).toEqual({ bucket: 'logs.s3.example.com', key: 'k' })
    expect(at('http://assets.s3.eu.s3.us-west-2.amazonaws.com/k')).toEqual({ bucket: 'assets.s3.eu', key: 'k' })
  })
  it('encoded keys are decoded', () => {
    expect(at('http://b1.localhost:4566/a%20b/c%2Bd+e').key).toBe('a b/c+d+e')
  })
})

/** General purpose bucket naming rules (S3 user guide, "General purpose bucket naming rules"). */
import { describe, expect, it } from 'vitest'
import { bucketNameProblem } from '@/lib/s3/bucket-name'
import { errorOf, harness } from '../../helpers/handle'

describe('bucketNameProblem', () => {
  it('accepts valid names', () => {
    for (const name of [
      'my-s3-bucket',
      'abc',
      '123',
      'a.b.c',
      'my.dotted-bucket.example',
      'a'.repeat(63),
      'xn-abc',
      'docexamplebucket1',
    ]) {
      expect(bucketNameProblem(name), name).toBeUndefined()
    }
  })
  const invalid: [string, string][] = [
    ['ab', 'too short'],
    ['a'.repeat(64), 'too long'],
    ['My-Bucket', 'upper case'],
    ['my_bucket', 'underscore'],
    ['my bucket', 'space'],
    ['-bucket', 'starts with a hyphen'],
    ['bucket-', 'ends with a hyphen'],
    ['.bucket', 'starts with a period'],
    ['bucket.', 'ends with a period'],
    ['my..bucket', 'two adjacent periods'],
    ['192.168.5.4', 'an IP address'],
    ['xn--bucket', 'xn-- prefix'],
    ['sthree-bucket', 'sthree- prefix'],
    ['amzn-s3-demo-bucket', 'amzn-s3-demo- prefix'],
    ['bucket-s3alias', '-s3alias suffix'],
    ['bucket--ol-s3', '--ol-s3 suffix'],
    ['bucket.mrap', '.mrap suffix'],
    ['bucket--x-s3', '--x-s3 suffix'],
    ['bucket--table-s3', '--table-s3 suffix'],
  ]
  for (const [name, why] of invalid) {
    it(`rejects ${JSON.stringify(name.length > 20 ? name.slice(0, 10) + '…' : name)} (${why})`, () => {
      expect(bucketNameProblem(name)).toBeTypeOf('string')
    })
  }
})

describe('CreateBucket with an invalid name', () => {
  it('is 400 InvalidBucketName naming the bucket, and creates nothing', async () => {
    const s3 = harness()
    for (const name of ['My-Bucket', 'ab', 'my..bucket', 'xn--bucket']) {
      const e = await errorOf(await s3.send('PUT', `/${name}`))
      expect([name, e.status, e.code, e.message, e.fields.BucketName]).toEqual([
        name,
        400,
        'InvalidBucketName',
        'The specified bucket is not valid.',
        name,
      ])
    }
    expect(s3.emulator.s3.buckets.size).toBe(0)
  })
})

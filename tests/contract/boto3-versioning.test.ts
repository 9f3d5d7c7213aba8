/**
 * boto3 (Debian's python3-boto3 at /usr/bin/python3) against the emulator's HTTP host: versioning,
 * DeleteObjects with BypassGovernanceRetention, tagging, and a test suite's usual teardown
 * (tests/contract/python/boto3_versioning.py). Skipped, with the reason printed, when boto3 is missing.
 */
import { execFile, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsEnv } from '../helpers/aws-cli'
import { startEmulator, type RunningEmulator } from '../helpers/server'

const python = '/usr/bin/python3'
const probe = spawnSync(python, ['-c', 'import boto3'], { encoding: 'utf8' })
const missing = probe.status !== 0
if (missing) console.warn(`boto3-versioning: skipped, ${python} cannot import boto3: ${probe.stderr ?? probe.error}`)

let running: RunningEmulator
beforeAll(async () => {
  running = await startEmulator()
})
afterAll(() => running.close())

describe.skipIf(missing)('boto3: versions, delete_objects and tagging', () => {
  it('answers each call as S3 does, and the list_object_versions + delete_objects teardown empties the bucket', async () => {
    const script = join(import.meta.dirname, 'python', 'boto3_versioning.py')
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(python, [script, running.endpoint], { env: awsEnv, timeout: 120_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    )
    expect(JSON.parse(stdout)).toEqual({
      unversioned_status: null,
      unversioned_list: [['plain.txt', 'null', true]],
      status: 'Enabled',
      ids_differ: true,
      old: ['one', 'AES256', true],
      current_sse: 'aws:kms',
      bad_version: ['InvalidArgument', 'Invalid version id specified', 400],
      no_such_version: ['NoSuchVersion', 'The specified version does not exist.', 404],
      marker: [true, 32],
      after_marker: ['NoSuchKey', 'The specified key does not exist.', 404],
      tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
      tags_replaced: [{ Key: 'c', Value: '3' }],
      tag_count: 1,
      tags_deleted: [],
      too_many: [
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
        400,
      ],
      // plain.txt (null), doc.txt x2 + its marker, t.txt
      teardown_deleted: 5,
      bucket_gone: ['404', 'Not Found', 404],
    })
  }, 180_000)
})

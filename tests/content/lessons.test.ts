/**
 * Every lesson's shell blocks, run in order against a fresh emulator as a learner would run them with the
 * Run buttons: each command must succeed, and the lessons' claims must hold (learnGitBranching checks its
 * levels the same way). The commands go where the browser sends them, `https://s3.emulator.invalid` (and
 * `http://` for the lessons that show plain HTTP), through the page's own MSW handlers (msw/node here).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandsOf } from '@/components/mdx/commands'
import { pagePlaygroundNetwork } from '../helpers/page-playground'

const dir = join(import.meta.dirname, '..', '..', 'content', 'learn')
const lessons = readdirSync(dir).filter((f) => f.endsWith('.mdx'))

/** The commands of every ```sh block, in document order; a block starting `# expect: failure` must fail. */
function commands(mdx: string): { line: string; fails: boolean }[] {
  return [...mdx.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) => {
    const fails = m[1]!.startsWith('# expect: failure')
    return commandsOf(m[1]!).map((line) => ({ line, fails }))
  })
}

const freshPlayground = pagePlaygroundNetwork()

describe.each(lessons)('lesson %s', (file) => {
  it('runs every command successfully, in order', async () => {
    const { run } = freshPlayground()
    {
      const steps = commands(readFileSync(join(dir, file), 'utf8'))
      const lines = steps.map((s) => s.line)
      expect(lines.length).toBeGreaterThan(3)
      const outputs: string[] = []
      const errors: string[] = []
      for (const { line, fails } of steps) {
        const r = await run(line)
        if (fails) expect(r.code, `"${line}" should fail, as the lesson says`).not.toBe(0)
        else expect(r, `"${line}" failed`).toMatchObject({ code: 0 })
        outputs.push(r.stdout)
        errors.push(r.stderr)
      }
      /** What the n-th command starting with `prefix` printed (stdout, or stderr with `err`). */
      const out = (prefix: string, n = 0, stream = outputs) =>
        stream[lines.map((l, i) => (l.startsWith(prefix) ? i : -1)).filter((i) => i >= 0)[n]!]!
      const err = (prefix: string, n = 0) => out(prefix, n, errors)
      if (file === 'overview.mdx') expect(outputs.at(-1)).toBe('"AES256"\n')
      if (file === 'client-side.mdx')
        expect(outputs[lines.findIndex((l) => l.includes('--query Metadata'))]).toMatch(
          /"x-amz-key-v2": "[A-Za-z0-9+/=]+"[\s\S]*"x-amz-wrap-alg": "kms\+context"/,
        )
      if (file === 'dsse-kms.mdx') expect(outputs[lines.findIndex((l) => l.startsWith('aws cloudtrail'))]).toBe('2\n')
      if (file === 'sse-c.mdx')
        expect(outputs[lines.findIndex((l) => l.startsWith('aws s3api get-bucket-encryption'))]).toContain('"SSE-C"')
      if (file === 'sse-s3.mdx') {
        // Equal plaintext, equal ETags (the MD5); a wrong method refused; no KMS call at all; Bucket Key ignored.
        expect(JSON.parse(out('aws s3api put-object --bucket sse-s3-demo-bucket --key first.txt')).ETag).toBe(
          JSON.parse(out('aws s3api put-object --bucket sse-s3-demo-bucket --key second.txt')).ETag,
        )
        expect(err('aws s3api put-object --bucket sse-s3-demo-bucket --key wrong.txt')).toContain(
          '(InvalidArgument) when calling the PutObject operation: The encryption method specified is not supported',
        )
        expect(out('aws cloudtrail lookup-events')).toBe('0\n')
        expect(
          JSON.parse(out('aws s3api put-object --bucket sse-s3-demo-bucket --key bucket-key.txt')),
        ).not.toHaveProperty('BucketKeyEnabled')
        expect(JSON.parse(outputs.at(-1)!)).toEqual({ SSEAlgorithm: 'AES256' })
      }
      if (file === 'sse-kms.mdx') {
        // aws/s3 only gets a key on first use; it refuses direct use; S3's call carries the context; Bucket Keys: 5 calls against 1.
        expect(out('aws kms list-aliases')).not.toContain('TargetKeyId')
        expect(JSON.parse(out('aws kms describe-key --key-id alias/aws/s3'))[0]).toBe('AWS')
        expect(err('aws kms encrypt --key-id alias/aws/s3')).toContain(
          '(AccessDeniedException) when calling the Encrypt operation: User: arn:aws:iam::111122223333:user/playground is not authorized to perform: kms:Encrypt',
        )
        const record = JSON.parse(
          out(
            "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=GenerateDataKey --query 'Events[0]",
          ),
        )
        expect(record.userIdentity.invokedBy).toBe('s3.amazonaws.com')
        expect(record.requestParameters.encryptionContext).toEqual({
          project: 'apollo',
          'aws:s3:arn': 'arn:aws:s3:::kms-demo-bucket/context.txt',
        })
        expect(
          out('aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=Decrypt'),
        ).toBe('1\n')
        expect(out('aws cloudtrail lookup-events', 2)).toBe('5\n')
        expect(out('aws cloudtrail lookup-events', 3)).toBe('1\n')
        expect(JSON.parse(outputs.at(-1)!)).toEqual(['aws:kms', true])
      }
      if (file === 're-encrypt.mdx') {
        // A no-change copy onto itself is illegal; a new default leaves old objects alone; the copy changes key, ETag, maybe metadata.
        expect(err('aws s3api copy-object')).toContain(
          '(InvalidRequest) when calling the CopyObject operation: This copy request is illegal',
        )
        expect(
          JSON.parse(out('aws s3api head-object --bucket reencrypt-bucket --key docs/figures.txt --query'))[0],
        ).toBe('AES256')
        const after = JSON.parse(out('aws s3api head-object --bucket reencrypt-bucket --key docs/figures.txt', 1))
        expect([after.ServerSideEncryption, after.Metadata, after.ContentType]).toEqual([
          'aws:kms',
          { owner: 'alice' },
          'text/plain',
        ])
        expect(after.ETag).not.toBe(
          JSON.parse(out('aws s3api head-object --bucket reencrypt-bucket --key docs/figures.txt --query'))[1],
        )
        expect(JSON.parse(out('aws s3api head-object --bucket reencrypt-bucket --key docs/notes.txt'))).toEqual([
          'aws:kms',
          { reviewed: 'yes' },
        ])
        expect(JSON.parse(out('aws s3api head-object --bucket reencrypt-bucket --key docs/notes.txt', 1))).toEqual([
          'aws:kms',
          true,
        ])
        const archived = JSON.parse(
          out("aws s3api head-object --bucket reencrypt-archive --key docs/figures.txt --query '["),
        )
        // With versioning on, the copy is a new version and the one from before (version null) is still SSE-S3.
        expect(
          out('aws s3api list-object-versions')
            .trim()
            .split('\n')
            .map((l) => l.split('\t')[1]),
        ).toEqual(['True', 'False'])
        expect(JSON.parse(outputs.at(-1)!)).toEqual(['null', 'AES256'])
        expect(archived).toEqual([
          'AES256',
          JSON.parse(out('aws s3api head-object --bucket reencrypt-bucket --key docs/figures.txt --query'))[1],
        ])
      }
      if (file === 'key-lifecycle.mdx') {
        // Rotations keep old objects readable; disabled, pending deletion and deleted keys each fail reads with their own error.
        expect(out('aws kms list-key-rotations --key-id $LIFE_KEY --query')).toBe(
          'ON_DEMAND\tNON_CURRENT\nAUTOMATIC\tCURRENT\n',
        )
        expect(out('cmp old.txt old-back.txt')).toBe('The files are identical\n')
        expect(err('aws s3api get-object', 0)).toMatch(
          /\(KMS\.DisabledException\) when calling the GetObject operation: arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36} is disabled\./,
        )
        expect(err('aws s3api get-object', 1)).toMatch(
          /\(KMS\.KMSInvalidStateException\) when calling the GetObject operation: arn:aws:kms:\S+ is pending deletion\./,
        )
        expect(err('aws s3api get-object', 2)).toContain(
          '(AccessDenied) when calling the GetObject operation: The ciphertext refers to a customer master key that does not exist',
        )
        expect(out('aws kms describe-key --key-id $LIFE_KEY --query KeyMetadata.KeyState')).toBe('"Disabled"\n')
        const story = out('aws cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName')
        expect(story).toMatch(/\tDeleteKey\tNone\n/)
        expect(story).toMatch(/\tRotateKey\tNone\n$/)
      }
      if (file === 'permissions.mdx') {
        // Each denial with the text AWS gives: KMS explicit and implicit denies through S3, then S3's own.
        const who = 'User: arn:aws:iam::111122223333:user/playground is not authorized to perform:'
        expect(err('aws s3api get-object', 0)).toMatch(
          new RegExp(
            `\\(AccessDenied\\) when calling the GetObject operation: ${who} kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/[0-9a-f-]{36} with an explicit deny in a resource-based policy`,
          ),
        )
        expect(err('aws s3api head-object --bucket perm-demo-bucket --key secret.txt --checksum-mode')).toContain(
          '(403) when calling the HeadObject operation: Forbidden',
        )
        expect(err('aws s3api put-object --bucket perm-demo-bucket --key new.txt')).toMatch(
          new RegExp(
            `\\(AccessDenied\\) when calling the PutObject operation: ${who} kms:GenerateDataKey on resource: \\S+ because no resource-based policy allows the kms:GenerateDataKey action`,
          ),
        )
        expect(err('aws s3api get-object', 2)).toContain(
          `(AccessDenied) when calling the GetObject operation: ${who} s3:GetObject on resource: "arn:aws:s3:::perm-demo-bucket/secret.txt" with an explicit deny in a resource-based policy`,
        )
        expect(out('aws cloudtrail lookup-events')).toBe('3\n')
        expect(err('aws s3api put-object --bucket perm-demo-bucket --key blocked.txt')).toContain(
          `${who} s3:PutObject on resource: "arn:aws:s3:::perm-demo-bucket/blocked.txt" with an explicit deny`,
        )
      }
      if (file === 'in-transit.mdx') {
        // Plain HTTP works until aws:SecureTransport denies it; SSE-C over HTTP is refused whatever the policy.
        expect(err('aws --endpoint-url http://s3.emulator.invalid s3api put-object', 1)).toContain(
          '(AccessDenied) when calling the PutObject operation: User: arn:aws:iam::111122223333:user/playground is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::transit-demo-bucket/refused.txt" with an explicit deny in a resource-based policy',
        )
        expect(err('aws --endpoint-url http://s3.emulator.invalid s3api get-object')).toContain(
          '(AccessDenied) when calling the GetObject operation',
        )
        expect(out('aws --endpoint-url http://s3.emulator.invalid s3 ls')).toContain('transit-demo-bucket')
        expect(err('aws --endpoint-url http://s3.emulator.invalid s3api put-object', 2)).toContain(
          '(InvalidRequest) when calling the PutObject operation: Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.',
        )
      }
      if (file === 'versions.mdx') {
        // Never versioned: nothing; each version keeps its key; the copy is a new version; the old key strands one.
        expect(out('aws s3api get-bucket-versioning')).toBe('')
        expect(out('aws s3api head-object --bucket versions-bucket --key report.txt --version-id $FIRST')).toMatch(
          /"AES256"/,
        )
        expect(JSON.parse(out('aws s3api copy-object')).CopySourceVersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
        const report = out('cat key-report.txt').trim().split('\n')
        expect(report.map((l) => l.split('\t')[1])).toEqual(['aws:kms', 'aws:kms', 'AES256'])
        expect(report[2]).toMatch(/\tNone$/)
        expect(out('grep').trim().split('\n')).toHaveLength(1)
        expect(err('aws s3api get-object --bucket versions-bucket --key report.txt --version-id $OLD_VERSION')).toMatch(
          /\(KMS\.KMSInvalidStateException\) when calling the GetObject operation: arn:aws:kms:\S+ is pending deletion\./,
        )
        expect(
          JSON.parse(out('aws s3api get-object --bucket versions-bucket --key report.txt --version-id $OLD_VERSION', 1))
            .SSEKMSKeyId,
        ).toMatch(/^arn:aws:kms:/)
      }
      if (file === 'default-sse-kms.mdx') {
        // The lesson's claims: old object AES256, new object aws:kms with a key ARN, re-encrypted after the copy.
        expect(
          outputs[
            lines.indexOf('aws s3api head-object --bucket my-s3-bucket --key before.txt --query ServerSideEncryption')
          ],
        ).toBe('"AES256"\n')
        expect(outputs[lines.indexOf('aws s3api head-object --bucket my-s3-bucket --key after.txt')]).toMatch(
          /"SSEKMSKeyId": "arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}"/,
        )
        expect(outputs.at(-2)).toMatch(/"aws:kms",\s+"arn:aws:kms:/)
        expect(JSON.parse(outputs.at(-1)!).userIdentity.invokedBy).toBe('s3.amazonaws.com')
      }
    }
  })
})

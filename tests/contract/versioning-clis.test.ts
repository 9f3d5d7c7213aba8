/**
 * Versions, DeleteObjects and tagging through two command lines against the emulator's HTTP host: the real
 * aws-cli (/usr/bin/aws, 2.9) and the simulated terminal (lib/cli, on the SDK). The same scenario, the
 * same assertions on each one's output (docs/fidelity.md, "Versioning, batch delete and tagging").
 * The real CLI is skipped, with the reason printed, when none is installed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { utf8 } from '@/lib/crypto/bytes'
import { findAws, runAws, type Ran } from '../helpers/aws-cli'
import { cliAgainst } from '../helpers/cli'
import { startEmulator, type RunningEmulator } from '../helpers/server'

interface Runner {
  run(args: string[]): Promise<Ran>
  write(name: string, text: string): void
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`

function realAws(command: string, endpoint: string): Runner {
  const cwd = mkdtempSync(join(tmpdir(), 's3-playground-versions-'))
  return {
    run: (args) => runAws(command, endpoint, cwd, args),
    write: (name, text) => {
      mkdirSync(dirname(join(cwd, name)), { recursive: true })
      writeFileSync(join(cwd, name), text)
    },
  }
}

function simulated(endpoint: string): Runner {
  const cli = cliAgainst(endpoint)
  return {
    run: (args) => cli.run(['aws', ...args].map(quote).join(' ')),
    write: (name, text) => {
      const vfs = cli.session.shell.vfs
      if (name.includes('/') && !vfs.exists(dirname(name))) vfs.mkdir(dirname(name))
      vfs.write(name, utf8(text))
    },
  }
}

const aws = findAws()
if (!aws) console.warn('versioning-clis: no aws CLI installed; the real-CLI half is skipped')

const clis: [string, (endpoint: string) => Runner, boolean][] = [
  ['aws-cli', (e) => realAws(aws!.command, e), aws === undefined],
  ['simulated CLI', simulated, false],
]

for (const [name, make, skip] of clis) {
  describe.skipIf(skip)(`${name}: versions, delete-objects and tagging`, { timeout: 180_000 }, () => {
    let running: RunningEmulator
    let cli: Runner
    const B = 'cli-versions'
    const json = async (args: string[]) => {
      const r = await cli.run(args)
      expect(r.stderr, args.join(' ')).toBe('')
      expect(r.code).toBe(0)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (r.stdout.trim() ? JSON.parse(r.stdout) : {}) as any
    }
    const fails = async (args: string[], code: string, message: string, operation: string) => {
      const r = await cli.run(args)
      expect([r.code, r.stderr.trim()]).toEqual([
        254,
        `An error occurred (${code}) when calling the ${operation} operation: ${message}`,
      ])
    }
    const s3api = (op: string, ...rest: string[]) => ['s3api', op, '--bucket', B, ...rest]
    const ids = { key: '', keyArn: '', v1: '', v2: '' }

    beforeAll(async () => {
      running = await startEmulator()
      cli = make(running.endpoint)
      cli.write('one.txt', 'one')
      cli.write('two.txt', 'two two')
    })
    afterAll(() => running.close())

    it('a never-versioned bucket: no status, objects listed as version null', async () => {
      await json(['s3api', 'create-bucket', '--bucket', B])
      expect(await json(s3api('get-bucket-versioning'))).toEqual({})
      await json(s3api('put-object', '--key', 'old.txt', '--body', 'one.txt'))
      const list = await json(s3api('list-object-versions'))
      expect(list.Versions.map((v: { VersionId: string; IsLatest: boolean }) => [v.VersionId, v.IsLatest])).toEqual([
        ['null', true],
      ])
    })

    it('put-bucket-versioning, then each put-object answers a VersionId and keeps its own encryption', async () => {
      await json(s3api('put-bucket-versioning', '--versioning-configuration', 'Status=Enabled'))
      expect(await json(s3api('get-bucket-versioning'))).toEqual({ Status: 'Enabled' })
      const key = await json(['kms', 'create-key'])
      ids.key = key.KeyMetadata.KeyId
      ids.keyArn = key.KeyMetadata.Arn
      const v1 = await json(
        s3api('put-object', '--key', 'doc.txt', '--body', 'one.txt', '--server-side-encryption', 'AES256'),
      )
      const v2 = await json(
        s3api(
          'put-object',
          '--key',
          'doc.txt',
          '--body',
          'two.txt',
          '--server-side-encryption',
          'aws:kms',
          '--ssekms-key-id',
          ids.key,
        ),
      )
      expect(v1.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
      expect(v2.VersionId).not.toBe(v1.VersionId)
      ids.v1 = v1.VersionId
      ids.v2 = v2.VersionId
      const old = await json(s3api('head-object', '--key', 'doc.txt', '--version-id', ids.v1))
      expect([old.ServerSideEncryption, old.VersionId, old.ContentLength]).toEqual(['AES256', ids.v1, 3])
      const current = await json(s3api('head-object', '--key', 'doc.txt'))
      expect([current.ServerSideEncryption, current.SSEKMSKeyId, current.VersionId]).toEqual([
        'aws:kms',
        ids.keyArn,
        ids.v2,
      ])
    })

    it('bad and unknown version ids: InvalidArgument and NoSuchVersion', async () => {
      await fails(
        s3api('get-object', '--key', 'doc.txt', '--version-id', 'nope', 'out.txt'),
        'InvalidArgument',
        'Invalid version id specified',
        'GetObject',
      )
      await fails(
        s3api('get-object', '--key', 'doc.txt', '--version-id', 'A'.repeat(32), 'out.txt'),
        'NoSuchVersion',
        'The specified version does not exist.',
        'GetObject',
      )
    })

    it('list-object-versions --max-keys 1 answers one page; --key-marker and --version-id-marker the next', async () => {
      const first = await json(s3api('list-object-versions', '--prefix', 'doc', '--max-keys', '1'))
      expect(first.Versions.map((v: { VersionId: string }) => v.VersionId)).toEqual([ids.v2])
      expect([first.IsTruncated, first.NextKeyMarker, first.NextVersionIdMarker]).toEqual([true, 'doc.txt', ids.v2])
      const next = await json(
        s3api('list-object-versions', '--prefix', 'doc', '--key-marker', 'doc.txt', '--version-id-marker', ids.v2),
      )
      expect([next.IsTruncated, next.Versions.map((v: { VersionId: string }) => v.VersionId)]).toEqual([
        false,
        [ids.v1],
      ])
    })

    it('copy-object in place makes a new version; the old one keeps its key', async () => {
      const copy = await json(
        s3api('copy-object', '--key', 'doc.txt', '--copy-source', `${B}/doc.txt`, '--server-side-encryption', 'AES256'),
      )
      expect(copy.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
      expect(copy.VersionId).not.toBe(ids.v2)
      expect(copy.CopySourceVersionId).toBe(ids.v2)
      const kept = await json(s3api('head-object', '--key', 'doc.txt', '--version-id', ids.v2))
      expect(kept.SSEKMSKeyId).toBe(ids.keyArn)
    })

    it('delete-object adds a delete marker; delete-objects reports deleted keys and per-key errors', async () => {
      const del = await json(s3api('delete-object', '--key', 'doc.txt'))
      expect(del.DeleteMarker).toBe(true)
      await fails(s3api('head-object', '--key', 'doc.txt'), '404', 'Not Found', 'HeadObject')
      cli.write(
        'delete.json',
        JSON.stringify({
          Objects: [{ Key: 'doc.txt', VersionId: del.VersionId }, { Key: 'old.txt' }, { Key: 'x', VersionId: 'bad' }],
        }),
      )
      const out = await json(s3api('delete-objects', '--delete', 'file://delete.json', '--bypass-governance-retention'))
      expect(out.Deleted).toEqual([
        { Key: 'doc.txt', VersionId: del.VersionId, DeleteMarker: true, DeleteMarkerVersionId: del.VersionId },
        { Key: 'old.txt', DeleteMarker: true, DeleteMarkerVersionId: expect.stringMatching(/^[A-Za-z0-9._]{32}$/) },
      ])
      expect(out.Errors).toEqual([
        { Key: 'x', VersionId: 'bad', Code: 'InvalidArgument', Message: 'Invalid version id specified' },
      ])
      // The marker is gone, so the copy is current again.
      expect((await json(s3api('head-object', '--key', 'doc.txt'))).ServerSideEncryption).toBe('AES256')
      cli.write('many.json', JSON.stringify({ Objects: Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` })) }))
      await fails(
        s3api('delete-objects', '--delete', 'file://many.json'),
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
        'DeleteObjects',
      )
    })

    it('tagging: put-object --tagging, put/get/delete-object-tagging per version, copy with REPLACE', async () => {
      const t1 = await json(s3api('put-object', '--key', 'tag.txt', '--body', 'one.txt', '--tagging', 'team=blue'))
      expect((await json(s3api('get-object-tagging', '--key', 'tag.txt'))).TagSet).toEqual([
        { Key: 'team', Value: 'blue' },
      ])
      await json(s3api('put-object', '--key', 'tag.txt', '--body', 'two.txt'))
      const put = await json(
        s3api(
          'put-object-tagging',
          '--key',
          'tag.txt',
          '--version-id',
          t1.VersionId,
          '--tagging',
          'TagSet=[{Key=k,Value=v}]',
        ),
      )
      expect(put.VersionId).toBe(t1.VersionId)
      const got = await json(s3api('get-object-tagging', '--key', 'tag.txt', '--version-id', t1.VersionId))
      expect([got.VersionId, got.TagSet]).toEqual([t1.VersionId, [{ Key: 'k', Value: 'v' }]])
      await json(s3api('delete-object-tagging', '--key', 'tag.txt', '--version-id', t1.VersionId))
      expect(
        (await json(s3api('get-object-tagging', '--key', 'tag.txt', '--version-id', t1.VersionId))).TagSet,
      ).toEqual([])
      await json(
        s3api(
          'copy-object',
          '--key',
          'tag2.txt',
          '--copy-source',
          `${B}/tag.txt`,
          '--tagging-directive',
          'REPLACE',
          '--tagging',
          'b=2',
        ),
      )
      expect((await json(s3api('get-object-tagging', '--key', 'tag2.txt'))).TagSet).toEqual([{ Key: 'b', Value: '2' }])
    })

    it('a version under a key pending deletion is unreadable; the newer version stays readable', async () => {
      await json(['kms', 'schedule-key-deletion', '--key-id', ids.key, '--pending-window-in-days', '7'])
      await fails(
        s3api('get-object', '--key', 'doc.txt', '--version-id', ids.v2, 'out.txt'),
        'KMS.KMSInvalidStateException',
        `${ids.keyArn} is pending deletion.`,
        'GetObject',
      )
      expect((await json(s3api('get-object', '--key', 'doc.txt', 'out.txt'))).ServerSideEncryption).toBe('AES256')
    })

    it('aws s3 rm --recursive and sync --delete leave delete markers, as on a versioned bucket', async () => {
      const rm = await cli.run(['s3', 'rm', `s3://${B}/`, '--recursive'])
      expect([rm.code, rm.stderr]).toEqual([0, ''])
      const list = await json(s3api('list-object-versions'))
      const latest = list.DeleteMarkers.filter((m: { IsLatest: boolean }) => m.IsLatest).map(
        (m: { Key: string }) => m.Key,
      )
      expect(latest.sort()).toEqual(['doc.txt', 'old.txt', 'tag.txt', 'tag2.txt'])
      expect(list.Versions.length).toBeGreaterThanOrEqual(5)
      expect((await json(['s3api', 'list-objects-v2', '--bucket', B])).Contents).toBeUndefined()
      cli.write('sync/a.txt', 'a')
      await json(s3api('put-object', '--key', 'sync/b.txt', '--body', 'one.txt'))
      const sync = await cli.run(['s3', 'sync', 'sync', `s3://${B}/sync/`, '--delete'])
      expect([sync.code, sync.stderr]).toEqual([0, ''])
      expect(sync.stdout).toContain(`delete: s3://${B}/sync/b.txt`)
      const after = await json(s3api('list-object-versions', '--prefix', 'sync/'))
      expect(after.DeleteMarkers.map((m: { Key: string; IsLatest: boolean }) => [m.Key, m.IsLatest])).toEqual([
        ['sync/b.txt', true],
      ])
      expect(after.Versions.map((v: { Key: string }) => v.Key)).toEqual(['sync/a.txt', 'sync/b.txt'])
    })
  })
}

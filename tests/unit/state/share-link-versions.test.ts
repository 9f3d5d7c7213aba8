/**
 * Share links and versioned buckets: a link keeps the versioning status and each key's current object;
 * older versions and delete markers are left out on purpose and named in notShared (a link rebuilds by
 * replaying PUTs, which cannot recreate old versions with their own keys and dates).
 */
import { describe, expect, it } from 'vitest'
import { Vfs } from '@/lib/cli/shell/vfs'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { captureScenario } from '@/lib/state/scenario'
import { replayScenario } from '@/lib/state/scenario-replay'
import type { SessionShell } from '@/lib/state/session'
import { decodeScenario, encodeScenario } from '@/lib/state/share-link'
import { ENDPOINT } from '../../helpers/handle'

const shell = (): SessionShell =>
  ({ vfs: new Vfs(), env: {}, history: [], aws: { config: {} } }) as unknown as SessionShell

describe('a share link of a versioned bucket', () => {
  it('carries the status and current objects, names the versions it leaves out, and replays', async () => {
    const source = createEmulator()
    const send = (method: string, path: string, body?: string) =>
      source.handle(new Request(ENDPOINT + path, { method, ...(body !== undefined ? { body } : {}) }))
    await send('PUT', '/link-versions')
    await send(
      'PUT',
      '/link-versions?versioning',
      '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>',
    )
    await send('PUT', '/link-versions/doc.txt', 'first')
    await send('PUT', '/link-versions/doc.txt', 'second')
    await send('PUT', '/link-versions/gone.txt', 'x')
    await send('DELETE', '/link-versions/gone.txt')

    const scenario = await captureScenario(source, shell())
    expect(scenario.buckets[0]!.versioning).toBe('Enabled')
    expect(scenario.buckets[0]!.objects.map((o) => o.key)).toEqual(['doc.txt'])
    expect(scenario.notShared).toEqual([
      's3://link-versions/doc.txt: 1 older version or delete marker not shared (a link carries current objects)',
      's3://link-versions/gone.txt: 2 older versions or delete markers not shared (a link carries current objects)',
    ])

    const fresh = createEmulator()
    const report = await replayScenario(await decodeScenario(await encodeScenario(scenario)), fresh, shell())
    expect(report.problems).toEqual([])
    expect(fresh.s3.bucket('link-versions').versioning).toBe('Enabled')
    const got = await fresh.handle(new Request(`${ENDPOINT}/link-versions/doc.txt`))
    expect([await got.text(), got.headers.get('x-amz-version-id')]).toEqual([
      'second',
      expect.stringMatching(/^.{32}$/),
    ])
  })
})

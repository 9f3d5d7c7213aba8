/**
 * The secret-hygiene suite: a generated corpus of spellings (tests/helpers/secret-corpus.ts) is typed into
 * a real terminal session on the page's emulator, then every place the page keeps or hands out state is
 * searched, byte by byte, for every planted value in every form: the browser's saved record and each of
 * its stored parts (what IndexedDB holds), the export file, a checkpoint, and a share link (the URL and the
 * scenario it decodes to). The suite prints how many secrets it planted and how many places it searched.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromUtf8 } from '@/lib/crypto/bytes'
import { Checkpoints, memoryCheckpointStore } from '@/lib/state/checkpoints'
import { capturePlayground, captureStored, parsePlayground, restorePlayground } from '@/lib/state/playground-state'
import { captureScenario } from '@/lib/state/scenario'
import { decodeScenario, scenarioInFragment, shareLink } from '@/lib/state/share-link'
import { StoredParts } from '@/lib/state/stored-parts'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { Vfs } from '@/lib/cli/shell/vfs'
import type { SessionShell } from '@/lib/state/session'
import { pagePlaygroundNetwork } from '../../helpers/page-playground'
import { corpus, haystacks, needles, SETUP, type Spelling } from '../../helpers/secret-corpus'

const freshPlayground = pagePlaygroundNetwork()
const RUNS = Number(process.env.HYGIENE_RUNS ?? 4)
const SPELLINGS_PER_RUN = 60

/** Every place a playground's state goes, as named byte strings. */
async function places(emulator: ReturnType<typeof freshPlayground>['emulator'], shell: SessionShell) {
  const out: [string, Uint8Array | string][] = []
  const parts = new StoredParts()
  const stored = captureStored(emulator, shell, parts)
  out.push(['IndexedDB record', stored.text])
  for (const [name, bytes] of stored.write.add) out.push([`IndexedDB part ${name}`, bytes])
  const exported = JSON.stringify(capturePlayground(emulator, shell))
  out.push(['export file', exported])
  const store = memoryCheckpointStore()
  const checkpoints = new Checkpoints({ store, capture: () => exported, restore: () => {} })
  const meta = await checkpoints.save('hygiene')
  out.push(['checkpoint', (await store.get(meta.id))!])
  const link = await shareLink('https://play.example/playground/', await captureScenario(emulator, shell))
  out.push(['share link', link])
  out.push(['share link scenario', JSON.stringify(await decodeScenario(scenarioInFragment(new URL(link).hash)!))])
  // A save restored and saved again (history already redacted once) holds no more than the first.
  const shellAgain = { vfs: new Vfs(), env: {}, history: [], aws: { config: {} } } as unknown as SessionShell
  restorePlayground(parsePlayground(exported), createEmulator(), shellAgain)
  out.push(['export after a restore', JSON.stringify(capturePlayground(emulator, shellAgain))])
  return out
}

describe('secret hygiene', () => {
  it('no planted secret reaches IndexedDB, an export, a checkpoint or a share link, whatever the spelling', async () => {
    let planted = 0
    let typed = 0
    let searched = 0
    let placesSearched = 0
    const families = new Set<string>()
    await fc.assert(
      fc.asyncProperty(corpus(SPELLINGS_PER_RUN), async (spellings: Spelling[]) => {
        const { emulator, session, run } = freshPlayground()
        for (const line of SETUP) expect((await run(line)).code, line).toBe(0)
        const secrets: string[] = []
        for (const s of spellings) {
          for (const line of s.lines) await run(line)
          secrets.push(...s.planted)
          typed++
          families.add(s.family)
        }
        // Values only the run knows: data keys in variables and files.
        const env = session.shell.env
        for (const name of ['DK', 'DK2']) if (env[name]) secrets.push(env[name])
        if (session.shell.vfs.isFile('dk.txt')) secrets.push(fromUtf8(session.shell.vfs.read('dk.txt')).trim())
        const found = await places(emulator, session.shell)
        planted += secrets.length
        placesSearched += found.length
        for (const [where, bytes] of found) {
          const hay = haystacks(bytes)
          for (const secret of secrets)
            for (const needle of needles(secret)) {
              searched++
              for (const h of hay) {
                const at = h.indexOf(needle)
                expect(at, `${where} holds ${secret} (as ${needle}): …${h.slice(at - 200, at + 100)}…`).toBe(-1)
              }
            }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    )
    console.log(
      `secret hygiene: ${typed} spellings, ${planted} planted secrets (${families.size} families) searched in ${placesSearched} places ` +
        `(IndexedDB record and parts, export, checkpoint, share link and its scenario, a re-save): ${searched} searches, none found`,
    )
    expect(typed).toBeGreaterThanOrEqual(RUNS * SPELLINGS_PER_RUN)
    expect(planted).toBeGreaterThanOrEqual(RUNS * 50)
    expect(families.size).toBeGreaterThanOrEqual(12)
  }, 180_000)
})

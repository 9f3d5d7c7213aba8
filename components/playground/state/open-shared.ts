/**
 * Opening a share link (browser only): the scenario in the URL fragment is rebuilt on a fresh emulator
 * and put in place of the live playground, after the learner's own work is kept as a checkpoint. The
 * fragment is then removed, so a reload does not open the link again.
 */
import type { Checkpoints } from '@/lib/state/checkpoints'
import { scenarioToSave } from '@/lib/state/scenario-replay'
import { decodeScenario, scenarioInFragment } from '@/lib/state/share-link'
import type { Persistence } from './persistence'

export interface SharedOpen {
  /** What the link held, in numbers. */
  buckets: number
  objects: number
  keys: number
  files: number
  /** What its maker's playground had that the link does not carry. */
  notShared: string[]
  /** Calls of the replay that did not succeed. */
  problems: string[]
  /** The checkpoint holding the work this tab had before. */
  checkpoint?: string
  error?: string
}

export const BEFORE_SHARED = 'Before opening a shared link'

export async function openSharedLink(
  persistence: Persistence,
  checkpoints: Checkpoints,
): Promise<SharedOpen | undefined> {
  const encoded = scenarioInFragment(location.hash)
  if (!encoded) return undefined
  history.replaceState(null, '', location.pathname + location.search)
  try {
    const scenario = await decodeScenario(encoded)
    const { saved, report } = await scenarioToSave(scenario)
    const kept = await checkpoints
      .save(`${BEFORE_SHARED} (${new Date().toLocaleString('en-GB')})`)
      .catch(() => undefined)
    await persistence.replaceWith(JSON.stringify(saved))
    return {
      buckets: scenario.buckets.length,
      objects: scenario.buckets.reduce((n, b) => n + b.objects.length, 0),
      keys: scenario.keys.length,
      files: scenario.session.files.length,
      notShared: scenario.notShared,
      problems: report.problems,
      ...(kept ? { checkpoint: kept.name } : {}),
    }
  } catch (error) {
    return {
      buckets: 0,
      objects: 0,
      keys: 0,
      files: 0,
      notShared: [],
      problems: [],
      error: error instanceof Error ? error.message : String(error),
    }
  }
}

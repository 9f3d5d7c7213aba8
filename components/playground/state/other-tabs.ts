/**
 * Two tabs of the playground share one saved record. When one saves, resets or imports, the others stop
 * saving and say so, instead of silently writing their older state over it (browser only).
 */
import type { Persistence } from './persistence'

const CHANNEL = 's3-encryption-playground'

export function linkTabs(persistence: Persistence): void {
  if (typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(CHANNEL)
  const me = crypto.randomUUID()
  persistence.onChanged = () => channel.postMessage({ type: 'changed', from: me })
  channel.onmessage = (e: MessageEvent<{ type?: string; from?: string }>) => {
    if (e.data?.type === 'changed' && e.data.from !== me) persistence.otherTabChanged()
  }
}

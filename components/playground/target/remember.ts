/**
 * The learner's explicit opt-in: keep the real target, credentials included, in this tab's
 * sessionStorage (gone when the tab closes). Never localStorage or IndexedDB, never an export or a link.
 */
import { EMULATOR_CONFIG, targetProblem, type TargetConfig, type TargetStore } from '@/lib/sdk/target-config'

const KEY = 's3-playground-target'

export function rememberedTarget(): TargetConfig | undefined {
  try {
    const text = sessionStorage.getItem(KEY)
    if (!text) return undefined
    const config = JSON.parse(text) as TargetConfig
    return config &&
      typeof config === 'object' &&
      ['emulator', 'aws', 'custom'].includes(config.kind) &&
      !targetProblem(config)
      ? config
      : undefined
  } catch {
    return undefined
  }
}

export const isRemembered = () => {
  try {
    return sessionStorage.getItem(KEY) !== null
  } catch {
    return false
  }
}

export function rememberTarget(config: TargetConfig | undefined): void {
  try {
    if (config && config.kind !== 'emulator') sessionStorage.setItem(KEY, JSON.stringify(config))
    else sessionStorage.removeItem(KEY)
  } catch {
    // Storage refused (private mode): the target stays in memory, as by default.
  }
}

export function restoreRememberedTarget(store: TargetStore): void {
  if (typeof sessionStorage === 'undefined') return
  const config = rememberedTarget()
  if (config && store.get() === EMULATOR_CONFIG) store.set(config)
  // Changes made in the terminal (`playground target bucket X`) follow into the opted-in copy.
  store.subscribe((c) => {
    if (isRemembered()) rememberTarget(c)
  })
}

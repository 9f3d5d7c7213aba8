/** Workshop preset links and lookup (no emulator code: the lesson page loads this with its first paint). */
import type { LessonSpec, Preset } from './types'

export const PRESET_PARAM = 'preset'

export function findPreset(spec: Pick<LessonSpec, 'presets'>, id: string): Preset | undefined {
  return spec.presets?.find((p) => p.id === id)
}

/** The link a facilitator hands out; `presenter` also turns on large type. */
export function presetLink(origin: string, slug: string, id: string, presenter = false): string {
  return `${origin}/learn/${slug}/?${PRESET_PARAM}=${encodeURIComponent(id)}${presenter ? '&presenter=1' : ''}`
}

/**
 * Workshop presets: a facilitator's link (`/learn/<slug>/?preset=<id>`) starts every learner from the same
 * scenario. The playground is replaced by a fresh one (new emulator, empty terminal), then the preset's
 * commands run in the learner's own terminal session, so keys are made fresh in each browser.
 */
import { createSession } from '../cli/session'
import { createEmulator } from '../emulator/create-emulator'
import { emulatorTarget } from '../sdk/clients'
import { capturePlayground } from '../state/playground-state'
import type { LessonSpec, Preset } from './types'

export const PRESET_PARAM = 'preset'

/** Save text (playground-state format) of a brand-new playground: no buckets, keys, files or history. */
export function freshPlaygroundText(): string {
  return JSON.stringify(capturePlayground(createEmulator(), createSession({ target: emulatorTarget() }).shell))
}

export function findPreset(spec: Pick<LessonSpec, 'presets'>, id: string): Preset | undefined {
  return spec.presets?.find((p) => p.id === id)
}

/** The link a facilitator hands out; `presenter` also turns on large type. */
export function presetLink(origin: string, slug: string, id: string, presenter = false): string {
  return `${origin}/learn/${slug}/?${PRESET_PARAM}=${encodeURIComponent(id)}${presenter ? '&presenter=1' : ''}`
}

/**
 * Workshop presets: a facilitator's link (`/learn/<slug>/?preset=<id>`) starts every learner from the same
 * scenario. The playground is replaced by a fresh one (new emulator, empty terminal), then the preset's
 * commands run in the learner's own terminal session, so keys are made fresh in each browser.
 */
import { createSession } from '../cli/session'
import { createEmulator } from '../emulator/create-emulator'
import { emulatorTarget } from '../sdk/clients'
import { capturePlayground } from '../state/playground-state'

/** Save text (playground-state format) of a brand-new playground: no buckets, keys, files or history. */
export function freshPlaygroundText(): string {
  return JSON.stringify(capturePlayground(createEmulator(), createSession({ target: emulatorTarget() }).shell))
}

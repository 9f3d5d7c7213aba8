/**
 * A command's output never runs ahead of its save. What a command printed tells the learner it happened, so
 * each burst of output is shown only once the playground (emulator, files, history) is saved as it stood
 * when the burst was written; a reload, a closed tab or a crash after that output cannot lose the change.
 * Output written in one go (one tick) waits for one save. `drained` resolves once everything written is
 * shown and a last save has run, so the prompt comes back only when the whole command is durable.
 */
import type { Io } from '../cli/aws/io'

export interface DurableOutput {
  io: Io
  /** Resolves when every write is shown and the state after the last one is saved. */
  drained(): Promise<void>
}

/** `save` must resolve once the state at the moment it was called is durable; a failed save still lets output show. */
export function durableOutput(io: Io, save: () => Promise<void>): DurableOutput {
  let batch: (() => void)[] = []
  let flushing: Promise<void> | undefined
  const saveQuietly = () => save().catch(() => undefined) // the save status shows the failure; output must not be lost too
  const flush = async () => {
    while (batch.length) {
      // Let the rest of a synchronous burst join this batch before the state is captured.
      await Promise.resolve()
      const shows = batch
      batch = []
      await saveQuietly()
      for (const show of shows) show()
    }
    flushing = undefined
  }
  const write = (show: () => void) => {
    batch.push(show)
    flushing ??= flush()
  }
  return {
    io: { ...io, out: (t) => write(() => io.out(t)), err: (t) => write(() => io.err(t)) },
    async drained() {
      while (flushing) await flushing
      await saveQuietly()
    },
  }
}

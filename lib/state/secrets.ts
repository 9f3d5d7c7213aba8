/**
 * What of a terminal session may be saved, exported, checkpointed or shared. The history is read as a
 * whole (safe-line.ts walks each line with the shell's and the CLI's own parsers): a variable used as a
 * key on line 9 is a secret where it was assigned on line 2, and a file written from a data key is a key
 * file. What is kept is what is known to be safe; everything else is left out or replaced by REDACTED.
 */
import { emptyFacts, looksSecret, safeLine, type Facts } from './safe-line'

export { REDACTED, UNPARSED, looksSecret } from './safe-line'

/** Variables never saved, whatever they were used for. */
export const SECRET_ENV = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|ACCESS_KEY|CREDENTIAL/i

/** Values a command's output may put in a variable and still be kept: key ids, ARNs, aliases, counts. */
const PLAIN_OUTPUT = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  /^(mrk-)[0-9a-f]{32}$/,
  /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[A-Za-z0-9/_.:-]{1,200}$/,
  /^alias\/[A-Za-z0-9/_-]{1,250}$/,
  /^\d{1,15}$/,
]

export interface SafeSession {
  history: string[]
  env: Record<string, string>
  /** Paths (as typed, relative to the working directory) of files that held or named a secret. */
  files: string[]
  /** Variables left out. */
  variables: string[]
}

/** Walks the history until what it learns stops growing (a key file copied before it was used as a key). */
function learn(history: readonly string[]): Facts {
  const facts = emptyFacts()
  for (let pass = 0; pass < 4; pass++) {
    const before = facts.files.size + facts.vars.size + facts.fromOutput.size
    for (const line of history) safeLine(line, facts, facts)
    if (facts.files.size + facts.vars.size + facts.fromOutput.size === before) break
  }
  return facts
}

/** Whether a variable may be saved: not named like a credential, never used as a secret, not key material. */
function keepVariable(name: string, value: string, facts: Facts): boolean {
  if (SECRET_ENV.test(name) || facts.vars.has(name)) return false
  if (facts.fromOutput.has(name) && !PLAIN_OUTPUT.some((r) => r.test(value))) return false
  return !value.split(/[\s,;:"'=]+/).some(looksSecret) && !looksSecret(value)
}

/** The history, environment and key files of a session as they may be kept. */
export function safeSession(history: readonly string[], env: Readonly<Record<string, string>>): SafeSession {
  const facts = learn(history)
  const lines = history.map((line) => safeLine(line, emptyFacts(), facts))
  const kept = Object.entries(env).filter(([k, v]) => keepVariable(k, v, facts))
  return {
    history: lines,
    env: Object.fromEntries(kept),
    files: [...facts.files],
    variables: Object.keys(env).filter((k) => !kept.some(([name]) => name === k)),
  }
}

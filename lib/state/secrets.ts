/**
 * What must never be saved: SSE-C keys, KMS plaintexts and AWS secrets typed into the terminal.
 * History lines are saved with those values replaced; files and variables used as such keys are left out.
 */
import { tokenize } from '../cli/shell/tokenize'

/** Options whose value is secret (aws-cli spellings in s3, s3api and kms). */
export const SECRET_OPTIONS = [
  '--sse-c-key',
  '--sse-c-copy-source-key',
  '--sse-customer-key',
  '--copy-source-sse-customer-key',
  '--plaintext',
]

/** Environment variables never saved, whatever they were used for. */
export const SECRET_ENV = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|ACCESS_KEY/i

export const REDACTED = '<secret not saved>'

// A value already redacted (history restored from a save) matches whole, so saving again leaves it as it is.
const OPTION = new RegExp(`(${SECRET_OPTIONS.join('|')})(\\s+|=)(<secret not saved>|"[^"]*"|'[^']*'|\\S+)`, 'g')
const ASSIGN = /\b([A-Za-z_][A-Za-z0-9_]*)=(<secret not saved>|"[^"]*"|'[^']*'|\S+)/g
const CONFIGURE =
  /(aws\s+configure\s+set\s+\S*(?:secret|token|access_key)\S*\s+)(<secret not saved>|"[^"]*"|'[^']*'|\S+)/gi

const unquote = (v: string) => v.replace(/^(["'])(.*)\1$/, '$2')
/** A file reference or a variable keeps its place; only a literal value is a secret in the line itself. */
const isReference = (v: string) => /^(fileb?:\/\/|\$)/.test(unquote(v))

const REDIRECT = /^(\S+)(.*?)(>>?)\s*(\S+)\s*$/

/**
 * The line with every literal secret value replaced. `isSecretFile` names files used as keys: a line that
 * writes one (`echo -n KEY > customer.key`) keeps its command and target, and loses what it wrote.
 */
export function redactLine(line: string, isSecretFile: (path: string) => boolean = () => false): string {
  const write = REDIRECT.exec(line)
  if (write && isSecretFile(unquote(write[4]!))) return `${write[1]} ${REDACTED} ${write[3]} ${write[4]}`
  return line
    .replace(OPTION, (all, opt: string, sep: string, value: string) =>
      isReference(value) ? all : `${opt}${sep}${REDACTED}`,
    )
    .replace(ASSIGN, (all, name: string) => (SECRET_ENV.test(name) ? `${name}=${REDACTED}` : all))
    .replace(CONFIGURE, (_all, head: string) => `${head}${REDACTED}`)
}

/** Files (as written, relative to nothing) and variables that history passed as secret values. */
export function secretReferences(
  history: readonly string[],
  env: Record<string, string> = {},
): { files: string[]; variables: string[] } {
  const files = new Set<string>()
  const variables = new Set<string>()
  for (const line of history) {
    const parsed = tokenize(line, {})
    if (parsed.incomplete) continue
    const words = parsed.tokens.flatMap((t) => (t.kind === 'word' ? [t.value] : []))
    // tokenize() expands $VAR to '' with an empty env: find variables in the raw line instead.
    for (const m of line.matchAll(
      new RegExp(`(?:${SECRET_OPTIONS.join('|')})(?:\\s+|=)["']?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)`, 'g'),
    ))
      variables.add(m[1]!)
    words.forEach((w, i) => {
      const [opt, inline] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined]
      // s3ec's --keyring aes:fileb://KEY and rsa:file://KEY.pem name key files (kms:KEY names a KMS key, no secret).
      const keyring = opt === '--keyring'
      if (!SECRET_OPTIONS.includes(opt) && !keyring) return
      const given = inline ?? words[i + 1] ?? ''
      const value = keyring ? (/^(aes|rsa):(.*)$/.exec(given)?.[2] ?? '') : given
      const file = /^fileb?:\/\/(.+)$/.exec(value)?.[1]
      if (file) files.add(file)
    })
  }
  for (const name of Object.keys(env)) if (SECRET_ENV.test(name)) variables.add(name)
  return { files: [...files], variables: [...variables] }
}

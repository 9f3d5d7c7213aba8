/**
 * What of a terminal line may be kept. Nothing is kept because it was not recognised as a secret: a line is
 * parsed again with the shell's own tokenizer and substitution finder, each command's words are walked
 * with the aws CLI's own option tables (the API models, the `aws s3` specs, the global options), and only
 * words known to be safe are written back. Every value of a sensitive parameter (docs/fidelity.md, "Sensitive
 * parameters"), every option the CLI does not know or only knows by a prefix (argparse accepts abbreviations),
 * and every literal that looks like key material becomes REDACTED. A line that does not parse is not kept.
 *
 * The walk also reports which files and variables were used as secrets, which variables were assigned
 * from a command's output, and which files a secret was written to (secrets.ts decides what a save drops).
 */
import { tokenize, type Token } from '../cli/shell/tokenize'
import { findSubstitution } from '../cli/shell/substitute'
import { FLAG_OPTIONS, SERVICES, VALUE_OPTIONS } from '../cli/aws/main'
import { operationByCliName, shapeOf, type MemberRef, type ServiceModel } from '../cli/aws/model'
import { CUSTOMIZATIONS } from '../cli/aws/params'
import { S3_COMMAND_SPECS } from '../cli/aws/s3/commands'
import type { OptionSpec } from '../cli/aws/s3/spec'
import type { AwsEnv } from '../cli/aws/io'
import s3Model from '../cli/models/s3.json'
import kmsModel from '../cli/models/kms.json'
import cloudtrailModel from '../cli/models/cloudtrail.json'
import stsModel from '../cli/models/sts.json'

export const REDACTED = '<secret not saved>'
/** What a line the shell cannot parse is saved as. */
export const UNPARSED = '<line not saved: the shell could not parse it>'

const MODELS: Record<string, ServiceModel> = {
  s3api: s3Model as unknown as ServiceModel,
  kms: kmsModel as unknown as ServiceModel,
  cloudtrail: cloudtrailModel as unknown as ServiceModel,
  sts: stsModel as unknown as ServiceModel,
}

/**
 * Input members whose value is a secret: the models' `sensitive` members that hold key material, passwords
 * or tokens (not key ids or encryption contexts, which the models also mark), plus key material to import
 * and one-time codes.
 */
export const SENSITIVE_MEMBERS = new Set([
  'SSECustomerKey',
  'CopySourceSSECustomerKey',
  'Plaintext',
  'Message',
  'KeyStorePassword',
  'XksProxyAuthenticationCredential',
  'EncryptedKeyMaterial',
  'ImportToken',
  'SAMLAssertion',
  'WebIdentityToken',
  'TradeInToken',
  'TokenCode',
])
/** `aws s3` options whose value is an SSE-C key. */
export const SENSITIVE_S3_OPTIONS = new Set(['--sse-c-key', '--sse-c-copy-source-key'])
/** `aws configure set NAME VALUE`: the settings whose value may be kept; any other value is dropped. */
const PLAIN_SETTINGS = new Set([
  'region',
  'output',
  'endpoint_url',
  'addressing_style',
  'sandbox_bucket',
  'cli_pager',
  'cli_binary_format',
  'ca_bundle',
  'retry_mode',
  'max_attempts',
])
const SETTING_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/
/** Commands whose output holds plaintext key material (unless --query picks something else). */
const SECRET_OUTPUT_OPS = new Set([
  'generate-data-key',
  'generate-data-key-pair',
  'decrypt',
  'generate-random',
  // STS answers with temporary credentials.
  'get-session-token',
  'assume-role',
  'assume-role-with-saml',
  'assume-role-with-web-identity',
  'get-federation-token',
])
/** Random bytes up to this size are key material (`openssl rand 32`), larger ones are test data. */
const KEY_SIZED = 64

// Private-use characters stand for what a word holds besides literal text.
const MARK = '\uE000'
const VAR = '\uE001'
const SUB = '\uE003'
const END = '\uE002'
const SENTINELS = /[\uE000-\uE004]/g

/** A literal that looks like key material: hex or base64 of 16+ characters, an access key id, a PEM block. */
export function looksSecret(text: string): boolean {
  const t = text.replace(/^(pass|env|file|fd):/, '')
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(t)) return true
  if (/^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(t)) return true
  if (/^[0-9a-fA-F]{16,}$/.test(t)) return true
  if (t.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return false
  // Names of buckets, regions, keys and files are lower case words joined by - _ . /; random base64 is not.
  if (/^[a-z0-9._/-]+$/.test(t)) return false
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[+/=]/].filter((r) => r.test(t)).length
  return classes >= 3 || (classes === 2 && /[0-9+/=]/.test(t) && !/^[A-Z0-9_]+$/.test(t))
}

/** What the walk of a line learned, accumulated over a whole history (secrets.ts). */
export interface Facts {
  /** Paths (as typed) used as a secret value or written with one. */
  files: Set<string>
  /** Variables used as a secret value. */
  vars: Set<string>
  /** Variables assigned from a command's output (`DK=$(...)`). */
  fromOutput: Set<string>
}

export const emptyFacts = (): Facts => ({ files: new Set(), vars: new Set(), fromOutput: new Set() })

interface Stage {
  words: string[]
  redirect?: { op: '>' | '>>'; target: string }
}
interface Piece {
  stages: Stage[]
  then?: '&&' | ';'
}
interface Parsed {
  chain: Piece[]
  subs: Parsed[]
}

const MAX_SUBS = 64
const VAR_NAMES = new Proxy({} as Record<string, string>, {
  get: (_t, name) => (typeof name === 'string' ? `${VAR}${name}${END}` : undefined),
})

/** The line as the shell reads it, with $VAR, $(...) and REDACTED kept as markers; undefined when it does not parse. */
function parse(line: string, depth = 0): Parsed | undefined {
  if (depth > 8) return undefined
  let text = depth === 0 ? line.replace(SENTINELS, '').split(REDACTED).join(MARK) : line
  const subs: Parsed[] = []
  for (let sub = findSubstitution(text); sub; sub = findSubstitution(text)) {
    const inner = parse(sub.inner, depth + 1)
    if (!inner || subs.length >= MAX_SUBS) return undefined
    text = text.slice(0, sub.start) + `${SUB}${subs.length}${END}` + text.slice(sub.end)
    subs.push(inner)
  }
  const tokens = tokenize(text, VAR_NAMES)
  if (tokens.incomplete) return undefined
  // A `$(` left over has no closing parenthesis: the shell would not run what the learner meant.
  if (tokens.tokens.some((t) => t.kind === 'word' && t.value.includes('$('))) return undefined
  const chain = split(tokens.tokens)
  return chain && { chain, subs }
}

/** Pipelines and lists, as run-line.ts splits them; undefined on a syntax error. */
function split(tokens: Token[]): Piece[] | undefined {
  const chain: Piece[] = []
  let stages: Stage[] = [{ words: [] }]
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const stage = stages.at(-1)!
    if (t.kind === 'word') stage.words.push(t.value)
    else if (t.value === '>' || t.value === '>>') {
      const target = tokens[++i]
      if (target?.kind !== 'word') return undefined
      stage.redirect = { op: t.value, target: target.value }
    } else if (t.value === '|') {
      if (stage.words.length === 0) return undefined
      stages.push({ words: [] })
    } else {
      if (stage.words.length === 0) return undefined
      chain.push({ stages, then: t.value })
      stages = [{ words: [] }]
    }
  }
  if (stages.at(-1)!.words.length || stages.length > 1) chain.push({ stages })
  return chain
}

type Part =
  { kind: 'text'; text: string } | { kind: 'var'; name: string } | { kind: 'sub'; index: number } | { kind: 'mark' }

function parts(word: string): Part[] {
  const out: Part[] = []
  const re = /\uE001([^\uE002]*)\uE002|\uE003(\d+)\uE002|\uE000/g
  let last = 0
  for (let m = re.exec(word); m; m = re.exec(word)) {
    if (m.index > last) out.push({ kind: 'text', text: word.slice(last, m.index) })
    out.push(
      m[1] !== undefined
        ? { kind: 'var', name: m[1] }
        : m[2] !== undefined
          ? { kind: 'sub', index: Number(m[2]) }
          : { kind: 'mark' },
    )
    last = re.lastIndex
  }
  if (last < word.length) out.push({ kind: 'text', text: word.slice(last) })
  return out
}

const isLiteral = (word: string) => !/[\uE000-\uE004]/.test(word)
const literalText = (word: string) =>
  parts(word)
    .flatMap((p) => (p.kind === 'text' ? [p.text] : []))
    .join(' ')

/** The shell's reading of one command, walked word by word. */
class Walk {
  readonly out: string[]
  constructor(
    readonly words: string[],
    readonly facts: Facts,
    readonly known: Facts,
  ) {
    this.out = [...words]
  }
  mark(i: number) {
    if (i < this.out.length) this.out[i] = MARK
  }
  /** A value that is a secret: kept only when it names where the secret is ($VAR, $(...), file://PATH). */
  secret(i: number, prefix = '') {
    if (i >= this.words.length) return
    const value = this.words[i]!.slice(prefix.length)
    this.out[i] = prefix + this.secretValue(value)
  }
  secretValue(value: string): string {
    const file = /^(fileb?:\/\/)([\s\S]+)$/.exec(value)
    if (file) {
      if (isLiteral(file[2]!)) this.facts.files.add(file[2]!)
      return file[2]!.includes(MARK) ? file[1]! + MARK : value
    }
    const ps = parts(value)
    if (ps.length > 0 && ps.every((p) => p.kind === 'var' || p.kind === 'sub')) {
      for (const p of ps) if (p.kind === 'var') this.facts.vars.add(p.name)
      return value
    }
    return MARK
  }
  /** A word with no known meaning: kept unless a literal in it looks like key material. */
  plain(i: number) {
    const w = this.words[i]!
    const eq = w.indexOf('=')
    const pieces = [w, ...(eq > 0 ? [w.slice(eq + 1)] : [])].map(literalText)
    if (pieces.some((p) => p.split(/[\s,;:"'{}[\]]+/).some(looksSecret)) || /^-*pass:/.test(w))
      this.out[i] = eq > 0 && !looksSecret(literalText(w.slice(0, eq))) ? w.slice(0, eq + 1) + MARK : MARK
  }
}

/** argparse's reading of an option: exact, or the options it abbreviates. */
function candidates(name: string, options: Iterable<string>): string[] {
  const all = [...options]
  if (all.includes(name)) return [name]
  return name.length > 3 ? all.filter((o) => o.startsWith(name)) : []
}

function walkAws(w: Walk): string | undefined {
  const { words } = w
  const positional: number[] = []
  const services = new Set(SERVICES)
  const valueGlobal = (i: number, name: string, inline: boolean) => {
    const at = inline ? i : i + 1
    const value = inline ? words[i]!.slice(words[i]!.indexOf('=') + 1) : words[at]
    if (value === undefined) return
    // A URL with a user and password in it (https://user:pass@host) keeps only its host.
    if (name === '--endpoint-url' && /\/\/[^/]*@/.test(value)) w.out[at] = inline ? `${name}=${MARK}` : MARK
    else w.plain(at)
  }
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    if (!isLiteral(word) || !word.startsWith('--')) {
      positional.push(i)
      continue
    }
    const eq = word.indexOf('=')
    const name = eq > 0 ? word.slice(0, eq) : word
    const globals = candidates(name, VALUE_OPTIONS)
    if (
      VALUE_OPTIONS.includes(name) ||
      (globals.length > 0 && !candidates(name, FLAG_OPTIONS).length && positional.length === 0)
    ) {
      valueGlobal(i, globals[0] ?? name, eq > 0)
      if (eq < 0) i++
    } else if (FLAG_OPTIONS.includes(word)) continue
    else positional.push(i)
  }
  const at = (n: number) => positional[n]
  const service = at(0) === undefined ? undefined : words[at(0)!]
  const command = at(1) === undefined ? undefined : words[at(1)!]
  const rest = positional.slice(2)
  if (service === 'configure') return walkConfigure(w, positional.slice(1))
  if (service !== undefined && MODELS[service] && command !== undefined) {
    const op = operationByCliName(MODELS[service], command)
    if (op) return walkOperation(w, MODELS[service], op.name, op.input, rest, command)
  }
  if (service === 's3' && command !== undefined) {
    const spec = S3_COMMAND_SPECS.find((c) => c.name === command)
    if (spec) return walkS3(w, spec.options, rest)
  }
  // An unknown service or command: every option's value goes; other words stay unless they look secret.
  walkUnknown(
    w,
    positional.filter((i) => !services.has(words[i]!)),
  )
  // An operation this playground does not model still answers with secrets on a real target.
  return command !== undefined && SECRET_OUTPUT_OPS.has(command) ? 'kms-output' : undefined
}

function walkUnknown(w: Walk, indices: number[]) {
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n]!
    const word = w.words[i]!
    if (isLiteral(word) && word.startsWith('-') && word.length > 1) {
      const eq = word.indexOf('=')
      if (eq > 0) w.out[i] = word.slice(0, eq + 1) + MARK
      else if (indices[n + 1] !== undefined && !w.words[indices[n + 1]!]!.startsWith('-')) w.mark(indices[++n]!)
    } else w.plain(i)
  }
}

function walkConfigure(w: Walk, positional: number[]): undefined {
  const [sub, ...args] = positional
  const subName = sub === undefined ? undefined : w.words[sub]
  if (sub !== undefined && !['list', 'get', 'set', 'list-profiles', 'import', 'export-credentials'].includes(subName!))
    w.mark(sub)
  // Options are not part of `configure set`: whatever follows one is dropped.
  let n = 0
  const names: number[] = []
  for (; n < args.length; n++) {
    const i = args[n]!
    const word = w.words[i]!
    if (isLiteral(word) && word.startsWith('-')) {
      // `configure import --csv file://creds.csv` names a credentials file: kept as a reference, the file left out.
      if (word.includes('=')) w.secret(i, word.slice(0, word.indexOf('=') + 1))
      else if (args[n + 1] === i + 1) w.secret(args[++n]!)
      continue
    }
    names.push(i)
  }
  const [name, value, ...extra] = names
  const nameText = name === undefined ? '' : w.words[name]!
  const setting = SETTING_NAME.test(nameText) ? nameText.split('.').at(-1)! : undefined
  if (name !== undefined && setting === undefined) w.mark(name)
  if (value !== undefined) {
    if (subName !== 'set' || !setting || !PLAIN_SETTINGS.has(setting)) w.secret(value)
    else w.plain(value)
  }
  for (const i of extra) w.mark(i)
  return undefined
}

function walkOperation(
  w: Walk,
  model: ServiceModel,
  opName: string,
  input: string | undefined,
  indices: number[],
  command: string,
): string | undefined {
  const members = input ? (shapeOf(model, input).members ?? []) : []
  const byFlag = new Map<string, MemberRef>(members.filter((m) => m.cli).map((m) => [m.cli!, m]))
  const isList = (m: MemberRef) => shapeOf(model, m.shape).type === 'list'
  const isBool = (m: MemberRef) => shapeOf(model, m.shape).type === 'boolean'
  const special = new Set(['--cli-input-json', '--cli-input-yaml', '--generate-cli-skeleton'])
  let positional = CUSTOMIZATIONS[opName]?.positional !== undefined
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n]!
    const word = w.words[i]!
    if (!isLiteral(word) || !word.startsWith('--')) {
      if (positional) positional = false
      else w.plain(i)
      continue
    }
    const eq = word.indexOf('=')
    const name = eq > 0 ? word.slice(0, eq) : word
    const negated = name.startsWith('--no-') ? byFlag.get('--' + name.slice(5)) : undefined
    if (negated && isBool(negated)) continue
    const found = candidates(name, [...byFlag.keys(), ...special])
    const next = (many: boolean, each: (i: number) => void) => {
      if (eq > 0) return each(i)
      let taken = 0
      while (indices[n + 1] !== undefined && (taken === 0 || (many && !w.words[indices[n + 1]!]!.startsWith('--')))) {
        each(indices[++n]!)
        taken++
        if (!many) break
      }
    }
    const asSecret = (j: number) => (j === i ? w.secret(i, name + '=') : w.secret(j))
    if (found.length === 0) {
      // Unknown to this operation (a typo of an option, or an option of another command): its value goes.
      if (eq > 0) w.out[i] = name + '=' + MARK
      else if (indices[n + 1] !== undefined && !w.words[indices[n + 1]!]!.startsWith('--')) w.mark(indices[++n]!)
      continue
    }
    const refs = found.map((f) => byFlag.get(f))
    if (found.some((f) => special.has(f) && f !== '--generate-cli-skeleton')) next(false, asSecret)
    else if (refs.some((m) => m && SENSITIVE_MEMBERS.has(m.name)))
      next(
        refs.some((m) => m && isList(m)),
        asSecret,
      )
    else if (refs.every((m) => m && isBool(m))) continue
    else
      next(
        refs.some((m) => m && isList(m)),
        (j) => w.plain(j),
      )
  }
  return SECRET_OUTPUT_OPS.has(command) ? 'kms-output' : undefined
}

function walkS3(w: Walk, options: OptionSpec[], indices: number[]): undefined {
  const byName = new Map(options.map((o) => [o.name, o]))
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n]!
    const word = w.words[i]!
    if (!isLiteral(word) || !word.startsWith('--')) {
      w.plain(i)
      continue
    }
    const eq = word.indexOf('=')
    const name = eq > 0 ? word.slice(0, eq) : word
    const found = candidates(name, byName.keys())
    const hasNext = eq < 0 && indices[n + 1] !== undefined && !w.words[indices[n + 1]!]!.startsWith('--')
    const handle = (f: (j: number) => void) => {
      if (eq > 0) f(i)
      else if (hasNext) f(indices[++n]!)
    }
    if (found.length === 0) {
      handle((j) => (j === i ? (w.out[i] = name + '=' + MARK) : w.mark(j)))
      continue
    }
    const opts = found.map((f) => byName.get(f)!)
    if (opts.some((o) => SENSITIVE_S3_OPTIONS.has(o.name))) {
      if (eq > 0) w.secret(i, name + '=')
      else if (indices[n + 1] !== undefined) w.secret(indices[++n]!)
    } else if (opts.every((o) => o.arity === 'flag')) continue
    else if (opts.every((o) => o.choices)) {
      // A value outside the choices was something else: only a listed choice is kept.
      const choices = opts.flatMap((o) => (typeof o.choices === 'function' ? o.choices({} as AwsEnv) : o.choices!))
      handle((j) => {
        const value = j === i ? word.slice(eq + 1) : w.words[j]!
        if (!choices.includes(value)) w.out[j] = j === i ? name + '=' + MARK : MARK
      })
    } else handle((j) => w.plain(j))
  }
  return undefined
}

/** openssl: `-pass pass:X`, `-k X`, `-K HEX` (and -passin, -passout, -kfile) name or hold the password or key. */
function walkOpenssl(w: Walk): string | undefined {
  const { words } = w
  let output: string | undefined
  let bytes: number | undefined
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    const flag = isLiteral(word) && /^-/.test(word) ? word.replace(/^-+/, '') : undefined
    if (flag !== undefined && /^(pass|passin|passout|pas|passwd|password)$/i.test(flag)) {
      const value = words[++i]
      if (value === undefined) break
      const kind = /^(pass|env|file|fd):/.exec(value)?.[1]
      if (kind === 'env') w.facts.vars.add(value.slice(4))
      else if (kind === 'file') {
        if (isLiteral(value)) w.facts.files.add(value.slice(5))
      } else if (kind === 'pass') w.secret(i, 'pass:')
      else if (value !== 'stdin' && !/^fd:\d+$/.test(value)) w.secret(i)
    } else if (flag !== undefined && /^(k|K|kfile|key|hkey|mackey)$/.test(flag)) {
      if (i + 1 >= words.length) break
      if (flag === 'kfile' || flag === 'key') {
        if (isLiteral(words[i + 1]!)) w.facts.files.add(words[i + 1]!)
        i++
      } else w.secret(++i)
    } else if (flag === 'out') {
      output = words[++i]
    } else if (flag !== undefined && /^-?[a-z0-9-]+$/.test(flag)) continue
    else {
      if (/^\d+$/.test(word)) bytes = Number(word)
      w.plain(i)
    }
  }
  if (words[1] === 'rand' && bytes !== undefined && bytes <= KEY_SIZED) {
    if (output !== undefined && isLiteral(output)) w.facts.files.add(output)
    return 'random-key'
  }
  return undefined
}

function walkS3ec(w: Walk): undefined {
  const { words } = w
  const values = new Set(['--bucket', '--key', '--body', '--format', '--encryption-context', '--range'])
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!
    if (!isLiteral(word) || !word.startsWith('--')) {
      w.plain(i)
      continue
    }
    const eq = word.indexOf('=')
    const name = eq > 0 ? word.slice(0, eq) : word
    const at = eq > 0 ? i : i + 1
    const prefix = eq > 0 ? name + '=' : ''
    const value = eq > 0 ? word.slice(eq + 1) : words[i + 1]
    if (value === undefined) continue
    if (values.has(name)) {
      if (eq < 0) i++
      continue
    }
    if (candidates(name, ['--keyring']).length) {
      // kms:KEY names a KMS key; aes: and rsa: must name their key file.
      const kind = /^(kms|aes|rsa):/.exec(value)?.[1]
      if (kind !== 'kms') w.secret(at, prefix + (kind ? `${kind}:` : ''))
      if (eq < 0) i++
    } else if (!name.startsWith('--enable-legacy') && name !== '--instruction-file') {
      w.out[at] = prefix + MARK
      if (eq < 0) i++
    }
  }
  return undefined
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|ACCESS_KEY|CREDENTIAL/i

/** NAME=value: the value stays when it is a reference or a literal that does not look secret. */
function assignment(w: Walk, i: number): void {
  const m = ASSIGNMENT.exec(w.words[i]!)
  if (!m) return
  const [, name, value] = m as unknown as [string, string, string]
  const ps = parts(value)
  if (ps.some((p) => p.kind === 'sub')) w.facts.fromOutput.add(name)
  const literal = ps.flatMap((p) => (p.kind === 'text' ? [p.text] : []))
  const secretName = SECRET_NAME.test(name) || w.known.vars.has(name)
  if ((secretName && literal.some((t) => t.length > 0)) || literal.some((t) => t.split(/[\s,;:"']+/).some(looksSecret)))
    w.out[i] = `${name}=${MARK}`
}

/** Walks one command; returns what kind of secret its output holds, if any. */
function walkStage(stage: Stage, facts: Facts, known: Facts): { words: string[]; secretOutput: boolean } {
  const w = new Walk(stage.words, facts, known)
  let first = 0
  while (first < stage.words.length && ASSIGNMENT.test(stage.words[first]!)) assignment(w, first++)
  const words = stage.words.slice(first)
  const sub = new Walk(words, facts, known)
  const command = words[0]
  let secretOutput: string | undefined
  if (command === 'aws') secretOutput = walkAws(sub)
  else if (command === 'openssl') secretOutput = walkOpenssl(sub)
  else if (command === 's3ec') walkS3ec(sub)
  else if (command === 'export')
    for (let i = 1; i < words.length; i++) {
      if (ASSIGNMENT.test(words[i]!)) assignment(sub, i)
      else sub.plain(i)
    }
  else for (let i = command === undefined || isLiteral(command) ? 1 : 0; i < words.length; i++) sub.plain(i)
  // `--query CiphertextBlob` leaves the plaintext out of a KMS answer.
  if (secretOutput === 'kms-output') {
    const query = words.findIndex((x) => x === '--query' || x.startsWith('--query='))
    const expression =
      query < 0
        ? ''
        : words[query]!.includes('=')
          ? words[query]!.split('=').slice(1).join('=')
          : (words[query + 1] ?? '')
    if (query >= 0 && !/plaintext|privatekey|secret|token|credentials|\*|@/i.test(expression)) secretOutput = undefined
  }
  const reads =
    stage.words.some((x) => parts(x).some((p) => p.kind === 'var' && known.vars.has(p.name))) ||
    words.slice(1).some((x) => isLiteral(x) && known.files.has(x.replace(/^fileb?:\/\//, '')))
  // A line that wrote a key file is kept without what it wrote.
  if (stage.redirect && isLiteral(stage.redirect.target) && known.files.has(stage.redirect.target) && command !== 'aws')
    for (let i = 1; i < words.length; i++) if (!/^-[a-z]$/.test(words[i]!)) sub.mark(i)
  return { words: [...w.out.slice(0, first), ...sub.out], secretOutput: secretOutput !== undefined || reads }
}

function quoteText(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text
  if (!text.includes("'")) return `'${text}'`
  return `"${text.replace(/(["\\$`])/g, '\\$1')}"`
}

function serializeWord(word: string, subs: string[]): string {
  const ps = parts(word)
  if (ps.length === 0) return "''"
  return ps
    .map((p, n) => {
      if (p.kind === 'text') return quoteText(p.text)
      if (p.kind === 'mark') return REDACTED
      if (p.kind === 'sub') return `$(${subs[p.index]})`
      const following = ps[n + 1]
      const braces = following?.kind === 'text' && /^[A-Za-z0-9_]/.test(following.text)
      return braces ? `\${${p.name}}` : `$${p.name}`
    })
    .join('')
}

function render(parsed: Parsed, facts: Facts, known: Facts): string {
  const subs = parsed.subs.map((s) => render(s, facts, known))
  const out: string[] = []
  for (const piece of parsed.chain) {
    let secretInput = false
    const stages: string[] = []
    for (const stage of piece.stages) {
      const walked = walkStage(stage, facts, known)
      const secret: boolean = walked.secretOutput || secretInput
      let text = walked.words.map((x) => serializeWord(x, subs)).join(' ')
      if (stage.redirect) {
        if (secret && isLiteral(stage.redirect.target)) facts.files.add(stage.redirect.target)
        text += ` ${stage.redirect.op} ${serializeWord(stage.redirect.target, subs)}`
      }
      secretInput = secret
      stages.push(text)
    }
    out.push(stages.join(' | ') + (piece.then ? ` ${piece.then}` : ''))
  }
  return out.join(' ')
}

/**
 * The line as it may be kept, and what it taught `facts`. `known` holds what the whole history taught
 * (a variable used as a key later is a secret where it was assigned too).
 */
export function safeLine(line: string, facts: Facts = emptyFacts(), known: Facts = facts): string {
  if (line === UNPARSED) return line
  const parsed = parse(line)
  return parsed ? render(parsed, facts, known) : UNPARSED
}

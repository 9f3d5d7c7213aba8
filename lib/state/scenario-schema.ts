/**
 * What a share link may carry: a scenario (buckets and their configuration, KMS keys and their settings,
 * objects, files, the learner's own variables), never behaviour. Everything is rebuilt from this allow-list;
 * anything else in a link is dropped and named in `notShared`, so the person opening it sees what was
 * ignored. Left out by design:
 *
 * - the terminal history: a link never puts commands a recipient could re-run with ↑ into their terminal;
 * - variables that commands read (PLAYGROUND_CONFIRM skips confirmations, AWS_* and the shell's own
 *   HOME, USER, PATH...), variables named like credentials, and values that look like key material;
 * - the aws configuration's region (the recipient's region stays theirs) and anything but `output`;
 * - stored parts (a link is self-contained) and any field this version does not know.
 */
import type { CorsRule } from '../s3/model'
import type { Scenario, ScenarioBucket, ScenarioKey, ScenarioObject, ScenarioSse } from './scenario'
import { looksSecret, SECRET_ENV } from './secrets'

/** Variables a link may set: a name commands never read, and a value that is not key material. */
export function linkMayCarryVariable(name: string, value: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return false
  if (/^(PLAYGROUND|AWS)_/i.test(name) || SHELL_OWN.has(name) || SECRET_ENV.test(name)) return false
  return value.length <= 4096 && !looksSecret(value) && !value.split(/[\s,;:"'=]+/).some(looksSecret)
}

/** The shell's own variables: set by the page, never by a link. */
const SHELL_OWN = new Set(['HOME', 'USER', 'PWD', 'OLDPWD', 'PATH', 'SHELL', 'IFS', 'PS1', 'LANG', 'TZ'])
/** What the recipient's shell has whatever the link says (createSession's defaults). */
const SHELL_DEFAULTS = { HOME: '/home/learner', USER: 'learner' }
const OUTPUTS = ['json', 'text', 'table', 'yaml', 'yaml-stream']
const KEY_STATES = ['Enabled', 'Disabled', 'PendingDeletion'] as const

const str = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max
const strings = (v: unknown, max = 1024): string[] => (Array.isArray(v) ? v.filter((s) => str(s, max)) : [])
const int = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
const stringMap = (v: unknown): Record<string, string> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => str(e[0], 256) && str(e[1])))
    : undefined
const cleanPath = (p: unknown): p is string =>
  str(p, 1024) && p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === '.') && !p.includes('\0')

function key(k: Partial<ScenarioKey>): ScenarioKey | undefined {
  if (!str(k.ref, 256) || !KEY_STATES.includes(k.state as (typeof KEY_STATES)[number])) return undefined
  return {
    ref: k.ref,
    description: str(k.description, 8192) ? k.description : '',
    aliases: strings(k.aliases, 256).filter(
      (a) => /^alias\/[A-Za-z0-9/_-]{1,250}$/.test(a) && !a.startsWith('alias/aws/'),
    ),
    tags: (Array.isArray(k.tags) ? k.tags : [])
      .filter((t) => str(t?.TagKey, 128) && str(t?.TagValue, 256))
      .map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })),
    ...(str(k.policy, 32 * 1024) ? { policy: k.policy } : {}),
    ...(int(k.rotation?.periodInDays, 90, 2560) ? { rotation: { periodInDays: k.rotation.periodInDays } } : {}),
    ...(int(k.onDemandRotations, 1, 10) ? { onDemandRotations: k.onDemandRotations } : {}),
    state: k.state!,
    ...(int(k.deletionWindowInDays, 7, 30) ? { deletionWindowInDays: k.deletionWindowInDays } : {}),
  }
}

function sse(s: Partial<ScenarioSse> | undefined): ScenarioSse | undefined {
  if (s?.algorithm === 'AES256') return { algorithm: 'AES256' }
  if ((s?.algorithm === 'aws:kms' || s?.algorithm === 'aws:kms:dsse') && 'key' in s && str(s.key, 2048)) {
    const context = stringMap(s.context)
    return {
      algorithm: s.algorithm,
      key: s.key,
      bucketKey: s.bucketKey === true,
      ...(context && Object.keys(context).length ? { context } : {}),
    }
  }
  return undefined
}

function object(o: Partial<ScenarioObject>): ScenarioObject | undefined {
  const encryption = sse(o.sse)
  if (!str(o.key, 1024) || !int(o.size, 0, Number.MAX_SAFE_INTEGER) || !encryption) return undefined
  const metadata = stringMap(o.metadata)
  return {
    key: o.key,
    size: o.size,
    sse: encryption,
    ...(str(o.contentType, 256) ? { contentType: o.contentType } : {}),
    ...(metadata && Object.keys(metadata).length ? { metadata } : {}),
    ...(str(o.base64, Infinity) && /^[A-Za-z0-9+/]*={0,2}$/.test(o.base64) ? { base64: o.base64 } : {}),
  }
}

function cors(rules: unknown): CorsRule[] | undefined {
  if (!Array.isArray(rules)) return undefined
  return rules.map((r: Partial<CorsRule>) => ({
    ...(str(r.id, 255) ? { id: r.id } : {}),
    allowedHeaders: strings(r.allowedHeaders),
    allowedMethods: strings(r.allowedMethods, 16),
    allowedOrigins: strings(r.allowedOrigins),
    exposeHeaders: strings(r.exposeHeaders),
    ...(int(r.maxAgeSeconds, 0, 2 ** 31) ? { maxAgeSeconds: r.maxAgeSeconds } : {}),
  })) as CorsRule[]
}

function bucket(b: Partial<ScenarioBucket>, dropped: string[]): ScenarioBucket | undefined {
  if (!str(b.name, 63)) return undefined
  const e = b.encryption
  const objects = (Array.isArray(b.objects) ? b.objects : []).flatMap((o) => {
    const kept = object(o)
    if (!kept) dropped.push(`an object of s3://${b.name} that this playground cannot read`)
    return kept ? [kept] : []
  })
  const rules = cors(b.cors)
  return {
    name: b.name,
    ...(e && str(e.algorithm, 32)
      ? {
          encryption: {
            algorithm: e.algorithm,
            ...(str(e.kmsMasterKeyId, 2048) ? { kmsMasterKeyId: e.kmsMasterKeyId } : {}),
            bucketKeyEnabled: e.bucketKeyEnabled === true,
            ...(Array.isArray(e.blocked) ? { blocked: strings(e.blocked, 16) } : {}),
          },
        }
      : {}),
    ...(str(b.policy, 20 * 1024) ? { policy: b.policy } : {}),
    ...(rules ? { cors: rules } : {}),
    ...(b.versioning === 'Enabled' || b.versioning === 'Suspended' ? { versioning: b.versioning } : {}),
    objects,
  }
}

/** The scenario as a link may carry it, with what was dropped named in `notShared`. Takes an outline-checked value. */
export function allowedScenario(s: Scenario): Scenario {
  const dropped: string[] = []
  const session = s.session
  const env: Record<string, string> = { ...SHELL_DEFAULTS }
  for (const [name, value] of Object.entries(session.env))
    if (linkMayCarryVariable(name, value)) env[name] = value
    else if (!(name in SHELL_DEFAULTS) || value !== SHELL_DEFAULTS[name as keyof typeof SHELL_DEFAULTS])
      if (name !== '?')
        dropped.push(`the variable ${name.slice(0, 64)}: a link never sets variables that commands read, or secrets`)
  if (session.history.length) dropped.push('the terminal history: a link never puts commands into your history')
  const awsConfig: Record<string, string> = OUTPUTS.includes(session.awsConfig?.output ?? '')
    ? { output: session.awsConfig.output! }
    : {}
  for (const name of Object.keys(session.awsConfig ?? {}))
    if (name !== 'output' || !('output' in awsConfig))
      dropped.push(`the aws setting ${name.slice(0, 64)}: a link carries no region or other settings`)
  const files = session.files.flatMap((f) =>
    cleanPath(f.path) && 'base64' in f && str(f.base64, Infinity) ? [{ path: f.path, base64: f.base64 }] : [],
  )
  const keys = s.keys.flatMap((k) => key(k) ?? [])
  const buckets = s.buckets.flatMap((b) => bucket(b, dropped) ?? [])
  const notShared = [...strings(s.notShared, 1000).slice(0, 1000), ...dropped]
  return {
    format: 's3-encryption-playground-scenario',
    version: s.version,
    keys,
    buckets,
    session: {
      cwd: cleanPath(session.cwd) ? session.cwd : '/home/learner',
      env,
      history: [],
      awsConfig,
      dirs: session.dirs.filter(cleanPath),
      files,
      omitted: [],
    },
    notShared,
  }
}

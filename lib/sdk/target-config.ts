/**
 * Which endpoint the playground talks to, as plain data: the in-browser emulator, AWS in a region, or a
 * custom S3-compatible endpoint (MinIO, LocalStack, moto, `npm run emulator`). Everything that sends a
 * request (the terminal's aws CLI, the SDK scratchpad's worker, the CORS doctor) reads the same
 * `currentTarget`, so a switch applies everywhere at once.
 *
 * Credentials live here in memory only. Nothing in lib/ writes them anywhere; the UI may copy them to
 * sessionStorage when the learner opts in (never localStorage, IndexedDB, links or exports).
 */
import { emulatorEndpoint, emulatorTarget, type ServiceName, type Target } from './clients'

export type TargetKind = 'emulator' | 'aws' | 'custom'

export interface TargetCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface TargetConfig {
  kind: TargetKind
  region: string
  /** Custom endpoints only: one URL for every service (what `--endpoint-url` does). */
  endpoint?: string
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`. Custom endpoints usually need it. */
  forcePathStyle: boolean
  /** Absent for the emulator, which does not check signatures. */
  credentials?: TargetCredentials
  /** The learner's sandbox bucket on a real target (a page cannot call ListBuckets: it has no CORS). */
  sandboxBucket?: string
}

export const EMULATOR_CONFIG: TargetConfig = { kind: 'emulator', region: 'us-east-1', forcePathStyle: true }

export const isRealTarget = (config: TargetConfig): boolean => config.kind !== 'emulator'

/** The SDK-level Target (lib/sdk/clients.ts) for a config. */
export function toTarget(config: TargetConfig): Target {
  if (config.kind === 'emulator') return { ...emulatorTarget(), region: config.region }
  const { accessKeyId = '', secretAccessKey = '', sessionToken } = config.credentials ?? {}
  return {
    ...(config.kind === 'custom' && config.endpoint ? { endpoint: config.endpoint } : {}),
    region: config.region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    forcePathStyle: config.forcePathStyle,
  }
}

/**
 * What `new S3Client(...)` / `new KMSClient(...)` need, as structured-cloneable data (it can be posted to a
 * Web Worker). Credentials are included: post it only to code running in this page.
 */
export interface SdkClientConfig {
  region: string
  endpoint?: string
  forcePathStyle?: boolean
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  maxAttempts: number
}

export function sdkClientConfig(config: TargetConfig, service: ServiceName): SdkClientConfig {
  const target = toTarget(config)
  const endpoint = config.kind === 'emulator' ? emulatorEndpoint(service) : target.endpoint
  const { sessionToken, ...keys } = target.credentials
  return {
    region: target.region,
    ...(endpoint ? { endpoint } : {}),
    ...(service === 's3' ? { forcePathStyle: target.forcePathStyle } : {}),
    credentials: { ...keys, ...(sessionToken ? { sessionToken } : {}) },
    maxAttempts: 1,
  }
}

/** The URL requests go to, for display: `https://s3.eu-west-1.amazonaws.com` on AWS. */
export function endpointLabel(config: TargetConfig, service: ServiceName = 's3'): string {
  if (config.kind === 'emulator') return 'in-browser emulator'
  if (config.kind === 'custom') return config.endpoint ?? '(no endpoint set)'
  return `https://${service}.${config.region}.amazonaws.com`
}

/** A bucket's base URL as the SDK addresses it: `endpoint/bucket` path-style, `bucket.host` virtual-hosted. */
export function bucketUrl(config: TargetConfig, bucket: string): string {
  const base = new URL(
    config.kind === 'custom' && config.endpoint ? config.endpoint : `https://s3.${config.region}.amazonaws.com`,
  )
  if (config.forcePathStyle) return `${base.origin}/${encodeURIComponent(bucket)}`
  return `${base.protocol}//${bucket}.${base.host}`
}

export function describeTarget(config: TargetConfig): string {
  if (config.kind === 'emulator') return 'emulator (in this page)'
  const where =
    config.kind === 'aws'
      ? `AWS ${config.region}`
      : `${config.endpoint ?? '(no endpoint)'} (${config.region}${config.forcePathStyle ? ', path-style' : ''})`
  return `${where}${config.sandboxBucket ? `, sandbox bucket ${config.sandboxBucket}` : ''}`
}

export type CredentialKind = 'none' | 'temporary' | 'long-term' | 'other'

/** AWS access key ids: ASIA… are temporary (STS, with a session token); AKIA… are an IAM user's long-term keys. */
export function credentialKind(credentials: TargetCredentials | undefined): CredentialKind {
  if (!credentials?.accessKeyId) return 'none'
  if (credentials.accessKeyId.startsWith('ASIA')) return 'temporary'
  if (credentials.accessKeyId.startsWith('AKIA')) return 'long-term'
  return 'other'
}

/** Warnings to show beside the credentials form and in `playground target`. */
export function credentialWarnings(config: TargetConfig): string[] {
  if (config.kind === 'emulator') return []
  const warnings: string[] = []
  const kind = credentialKind(config.credentials)
  if (kind === 'none')
    warnings.push('No credentials: requests go out unsigned by a real key and the endpoint will refuse them.')
  if (kind === 'long-term')
    warnings.push(
      'These are long-term IAM user keys (AKIA…). Prefer temporary credentials (ASIA… with a session token, from `aws sts get-session-token` or a sandbox role): if they leak, they expire.',
    )
  if (kind === 'temporary' && !config.credentials?.sessionToken)
    warnings.push('Temporary keys (ASIA…) need their session token.')
  if (
    config.kind === 'custom' &&
    config.endpoint &&
    /^http:/.test(config.endpoint) &&
    !/^http:\/\/(127\.|localhost|\[::1\])/.test(config.endpoint)
  )
    warnings.push(
      'This endpoint is plain http: credentials-signed requests and any SSE-C key cross the network unencrypted.',
    )
  return warnings
}

/** Problems that stop a config being used at all (a custom target without a valid URL). */
export function targetProblem(config: TargetConfig): string | undefined {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region))
    return `"${config.region}" is not a region name (like us-east-1).`
  if (config.kind === 'custom') {
    if (!config.endpoint) return 'A custom target needs an endpoint URL.'
    try {
      const url = new URL(config.endpoint)
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return `The endpoint must be an http or https URL, not ${url.protocol}`
    } catch {
      return `"${config.endpoint}" is not a URL.`
    }
  }
  return undefined
}

export type TargetListener = (config: TargetConfig) => void

/** The one current target of a page (or a test): read it, change it, hear about changes. */
export class TargetStore {
  private config: TargetConfig
  private readonly listeners = new Set<TargetListener>()
  /** Increases on every change: clients built for an older generation are stale. */
  generation = 0

  constructor(initial: TargetConfig = EMULATOR_CONFIG) {
    this.config = initial
  }

  get(): TargetConfig {
    return this.config
  }

  set(config: TargetConfig): void {
    this.config = config
    this.generation++
    for (const l of this.listeners) l(config)
  }

  update(change: Partial<TargetConfig>): void {
    this.set({ ...this.config, ...change })
  }

  subscribe(listener: TargetListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** The page's current target. The terminal, the scratchpad and the panels all read this one. */
export const currentTarget = new TargetStore()

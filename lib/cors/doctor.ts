/**
 * The CORS doctor: the bucket CORS configuration a page at `origin` needs to run the playground against
 * a real bucket, the aws-cli command that applies it, and a diagnosis of an existing configuration that
 * names each missing method, header and exposed header with the exact fix. Pure functions; the live
 * preflight checker is probe.ts.
 */
import type { CorsRule } from '../s3/model'
import { EXPOSE_HEADERS, unexposed } from './expose-headers'
import { headerAllowed, methodAllowed, originAllowed } from './rules'

/** The aws-cli JSON form of a CORS configuration (`--cors-configuration`). */
export interface CorsConfigurationJson {
  CORSRules: {
    ID?: string
    AllowedHeaders?: string[]
    AllowedMethods: string[]
    AllowedOrigins: string[]
    ExposeHeaders?: string[]
    MaxAgeSeconds?: number
  }[]
}

/** A call the playground makes from the page: its method and the request headers the SDK sends with it. */
export interface PlannedCall {
  label: string
  method: string
  headers: string[]
}

const SIGNING = [
  'authorization',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
]
const CHECKSUM = ['x-amz-sdk-checksum-algorithm', 'x-amz-checksum-crc32']
const SSE_KMS = [
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-context',
  'x-amz-server-side-encryption-bucket-key-enabled',
]
const SSE_C = [
  'x-amz-server-side-encryption-customer-algorithm',
  'x-amz-server-side-encryption-customer-key',
  'x-amz-server-side-encryption-customer-key-md5',
]

/** What the lessons send: the SSE-S3, SSE-KMS and SSE-C uploads and reads, copies, multipart, bucket settings. */
export const PLANNED_CALLS: readonly PlannedCall[] = [
  {
    label: 'PutObject (SSE-S3 / SSE-KMS)',
    method: 'PUT',
    headers: [...SIGNING, 'content-type', ...CHECKSUM, ...SSE_KMS],
  },
  { label: 'PutObject (SSE-C)', method: 'PUT', headers: [...SIGNING, 'content-type', ...CHECKSUM, ...SSE_C] },
  {
    label: 'CopyObject',
    method: 'PUT',
    headers: [
      ...SIGNING,
      'x-amz-copy-source',
      'x-amz-metadata-directive',
      ...SSE_KMS,
      ...SSE_C.map((h) => h.replace('x-amz-', 'x-amz-copy-source-')),
    ],
  },
  { label: 'GetObject', method: 'GET', headers: [...SIGNING, 'x-amz-checksum-mode', 'range', 'if-match', ...SSE_C] },
  { label: 'HeadObject', method: 'HEAD', headers: [...SIGNING, ...SSE_C] },
  {
    label: 'CreateMultipartUpload / CompleteMultipartUpload',
    method: 'POST',
    headers: [...SIGNING, 'content-type', 'x-amz-checksum-algorithm', ...SSE_KMS],
  },
  { label: 'DeleteObject', method: 'DELETE', headers: SIGNING },
  { label: 'PutBucketEncryption', method: 'PUT', headers: [...SIGNING, 'content-type', 'content-md5', ...CHECKSUM] },
]

export const PLANNED_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD']

/**
 * Every request header the SDK may send, spelled out. S3 echoes the requested headers when a rule says
 * "*", but some servers (moto) send AllowedHeaders back verbatim, and a browser never lets a literal "*"
 * cover Authorization: for those, list the names.
 */
export const EXPLICIT_ALLOWED_HEADERS: readonly string[] = [
  ...new Set([
    ...PLANNED_CALLS.flatMap((c) => c.headers),
    'x-amz-checksum-crc32c',
    'x-amz-checksum-crc64nvme',
    'x-amz-checksum-sha1',
    'x-amz-checksum-sha256',
    'x-amz-checksum-type',
    'x-amz-copy-source-range',
    'x-amz-acl',
    'x-amz-tagging',
    'x-amz-storage-class',
    'x-amz-expected-bucket-owner',
    'x-amz-object-attributes',
    'x-amz-max-parts',
    'x-amz-mp-object-size',
    'if-none-match',
    'cache-control',
    'content-disposition',
    'content-encoding',
    'content-language',
    'expires',
    ...EXPOSE_HEADERS.filter((h) => h.startsWith('x-amz-meta-')),
  ]),
]

export function recommendedConfiguration(
  origin: string,
  options: { explicitHeaders?: boolean } = {},
): CorsConfigurationJson {
  return {
    CORSRules: [
      {
        AllowedOrigins: [origin],
        AllowedMethods: [...PLANNED_METHODS],
        AllowedHeaders: options.explicitHeaders ? [...EXPLICIT_ALLOWED_HEADERS] : ['*'],
        ExposeHeaders: [...EXPOSE_HEADERS],
        MaxAgeSeconds: 600,
      },
    ],
  }
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

export function putBucketCorsCommand(bucket: string, configuration: CorsConfigurationJson): string {
  return `aws s3api put-bucket-cors --bucket ${bucket} --cors-configuration ${shellQuote(JSON.stringify(configuration))}`
}

export const toJson = (rules: readonly CorsRule[]): CorsConfigurationJson => ({
  CORSRules: rules.map((r) => ({
    ...(r.id !== undefined ? { ID: r.id } : {}),
    ...(r.allowedHeaders.length ? { AllowedHeaders: [...r.allowedHeaders] } : {}),
    AllowedMethods: [...r.allowedMethods],
    AllowedOrigins: [...r.allowedOrigins],
    ...(r.exposeHeaders.length ? { ExposeHeaders: [...r.exposeHeaders] } : {}),
    ...(r.maxAgeSeconds !== undefined ? { MaxAgeSeconds: r.maxAgeSeconds } : {}),
  })),
})

export const fromJson = (json: CorsConfigurationJson): CorsRule[] =>
  json.CORSRules.map((r) => ({
    ...(r.ID !== undefined ? { id: r.ID } : {}),
    allowedHeaders: r.AllowedHeaders ?? [],
    allowedMethods: r.AllowedMethods,
    allowedOrigins: r.AllowedOrigins,
    exposeHeaders: r.ExposeHeaders ?? [],
    ...(r.MaxAgeSeconds !== undefined ? { maxAgeSeconds: r.MaxAgeSeconds } : {}),
  }))

export interface Finding {
  severity: 'error' | 'warning'
  /** What is wrong, in one sentence. */
  problem: string
  /** The exact change, e.g. `add "PUT" to AllowedMethods of rule 1`. */
  fix: string
}

export interface Diagnosis {
  findings: Finding[]
  /** The whole configuration with every fix applied (put-bucket-cors replaces the whole configuration). */
  fixed: CorsConfigurationJson
  command: string
}

const ruleName = (rules: readonly CorsRule[], rule: CorsRule) =>
  `rule ${rules.indexOf(rule) + 1}${rule.id ? ` (${rule.id})` : ''}`

export function diagnose(
  bucket: string,
  rules: readonly CorsRule[] | undefined,
  origin: string,
  plan: readonly PlannedCall[] = PLANNED_CALLS,
): Diagnosis {
  if (!rules || rules.length === 0) {
    const fixed = recommendedConfiguration(origin)
    return {
      findings: [
        {
          severity: 'error',
          problem: `The bucket ${bucket} has no CORS configuration, so the browser refuses every call from ${origin}.`,
          fix: 'apply the recommended configuration',
        },
      ],
      fixed,
      command: putBucketCorsCommand(bucket, fixed),
    }
  }
  const findings: Finding[] = []
  const working = rules.map((r) => ({
    ...r,
    allowedHeaders: [...r.allowedHeaders],
    allowedMethods: [...r.allowedMethods],
    allowedOrigins: [...r.allowedOrigins],
    exposeHeaders: [...r.exposeHeaders],
  }))
  let rule = working.find((r) => originAllowed(r, origin))
  if (!rule) {
    rule = working[0]!
    findings.push({
      severity: 'error',
      problem: `No CORS rule allows the origin ${origin}.`,
      fix: `add "${origin}" to AllowedOrigins of ${ruleName(working, rule)}`,
    })
    rule.allowedOrigins.push(origin)
  } else if (rule.allowedOrigins.includes('*')) {
    findings.push({
      severity: 'warning',
      problem: `${ruleName(working, rule)} allows every origin ("*"): any web page could call this bucket with a visitor's credentials.`,
      fix: `replace "*" with "${origin}" in AllowedOrigins`,
    })
  }
  const forOrigin = working.filter((r) => originAllowed(r, origin))
  for (const method of new Set(plan.map((c) => c.method))) {
    if (forOrigin.some((r) => methodAllowed(r, method))) continue
    const calls = plan.filter((c) => c.method === method).map((c) => c.label)
    findings.push({
      severity: 'error',
      problem: `Method ${method} is not allowed for ${origin}: ${calls.join(', ')} will fail with "Failed to fetch".`,
      fix: `add "${method}" to AllowedMethods of ${ruleName(working, rule)}`,
    })
    rule.allowedMethods.push(method)
  }
  const headers = [...new Set(plan.flatMap((c) => c.headers))]
  const refused = headers.filter((h) => !forOrigin.some((r) => headerAllowed(r, h)))
  if (refused.length) {
    const users = (h: string) => plan.filter((c) => c.headers.includes(h)).map((c) => c.label)
    for (const h of refused)
      findings.push({
        severity: 'error',
        problem: `Request header ${h} is not in AllowedHeaders (sent by ${users(h).join(', ')}); the preflight fails.`,
        fix: `add "${h}" to AllowedHeaders of ${ruleName(working, rule)} (or "*")`,
      })
    rule.allowedHeaders = rule.allowedHeaders.includes('*') ? rule.allowedHeaders : [...rule.allowedHeaders, ...refused]
  }
  const missing = unexposed(EXPOSE_HEADERS, rule.exposeHeaders)
  for (const h of missing) {
    findings.push({
      severity: h === 'ETag' || h.startsWith('x-amz-server-side-encryption') ? 'error' : 'warning',
      problem: `ExposeHeaders of ${ruleName(working, rule)} lacks ${h}: the server sends it, but the browser hides it from the page${h === 'ETag' ? ' (multipart uploads cannot complete without it)' : h.startsWith('x-amz-server-side') ? ', so the SDK reports the field as undefined' : ''}.`,
      fix: `add "${h}" to ExposeHeaders of ${ruleName(working, rule)} (S3 allows no wildcard there)`,
    })
  }
  rule.exposeHeaders.push(...missing)
  const fixed = toJson(working)
  return { findings, fixed, command: putBucketCorsCommand(bucket, fixed) }
}

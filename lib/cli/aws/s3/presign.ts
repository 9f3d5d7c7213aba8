/**
 * aws s3 presign: a SigV4 query-signed GET URL. Signed with @smithy/signature-v4 over the bare GET, as
 * botocore signs it, so the URL has aws-cli's parameters and order (the SDK's own presigner adds x-id,
 * checksum-mode and X-Amz-Content-Sha256, which aws-cli's URLs do not have).
 */
import { SignatureV4 } from '@smithy/signature-v4'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8 } from '../../../crypto/bytes'
import { endpointOf } from '../../../sdk/clients'
import { EXIT, UsageError } from '../usage'
import { isS3Uri, parseS3Uri } from './paths'
import { invalidArgumentType, stringOption, type S3Command } from './spec'

const MAX_EXPIRY = 604800 // SigV4 allows seven days at most

type Data = string | ArrayBuffer | ArrayBufferView

const bytesOf = (d: Data) =>
  typeof d === 'string'
    ? utf8(d)
    : d instanceof ArrayBuffer
      ? new Uint8Array(d)
      : new Uint8Array(d.buffer, d.byteOffset, d.byteLength)

/** SHA-256 and HMAC-SHA256 in the shape SignatureV4 wants, from @noble/hashes (same in browser and Node). */
class Sha256 {
  private hash: { update(b: Uint8Array): unknown; digest(): Uint8Array }
  constructor(private readonly secret?: Data) {
    this.hash = this.fresh()
  }
  private fresh() {
    return this.secret !== undefined ? hmac.create(sha256, bytesOf(this.secret)) : sha256.create()
  }
  update(data: Data): void {
    this.hash.update(bytesOf(data))
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest()
  }
  reset(): void {
    this.hash = this.fresh()
  }
}

const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/')

export interface PresignInput {
  /** The object's URL without a query. */
  url: URL
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  expiresIn: number
  signingDate?: Date
}

/** A SigV4 query-signed GET URL for `url`. */
export async function presignUrl({ url, region, credentials, expiresIn, signingDate }: PresignInput): Promise<string> {
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  })
  const signed = await signer.presign(
    // S3 signs presigned URLs over UNSIGNED-PAYLOAD; the header only carries that to the signer, so it is
    // neither signed nor copied into the query (botocore's URLs have no X-Amz-Content-Sha256).
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      query: {},
    },
    {
      expiresIn,
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
      ...(signingDate ? { signingDate } : {}),
    },
  )
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return `${url.origin}${url.pathname}?${query}`
}

export const presign: S3Command = {
  name: 'presign',
  positional: { name: 'path', min: 1, max: 1 },
  options: [{ name: '--expires-in', arity: 'value' }],
  async run(p, env, globals, io) {
    const path = p.paths[0]!
    if (!isS3Uri(path)) throw invalidArgumentType('<S3Uri>')
    const raw = stringOption(p, '--expires-in') ?? '3600'
    if (!/^\d+$/.test(raw)) throw new UsageError(`\nargument --expires-in: invalid int value: '${raw}'\n`, EXIT.usage)
    const expiresIn = Number(raw)
    if (expiresIn > MAX_EXPIRY)
      throw new UsageError(
        `\nPresigned URLs can be valid for at most ${MAX_EXPIRY} seconds (7 days); ${expiresIn} was asked for.\n`,
        EXIT.other,
      )
    const { bucket, key } = parseS3Uri(path)
    const { target } = env.clients(globals)
    const region = globals.region ?? target.region
    const endpoint = endpointOf(target, 's3')
    // A custom endpoint is addressed path style; AWS itself virtual-hosted, as aws-cli does.
    const base = new URL(
      endpoint
        ? `${endpoint.replace(/\/$/, '')}/${bucket}/${encodeKey(key)}`
        : `https://${bucket}.s3.${region}.amazonaws.com/${encodeKey(key)}`,
    )
    io.out(`${await presignUrl({ url: base, region, credentials: target.credentials, expiresIn })}\n`)
    return EXIT.ok
  },
}

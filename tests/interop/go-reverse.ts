/**
 * The reverse direction with Go: lib/cse writes an object through the emulator's HTTP host, the real Go S3
 * Encryption Client (tests/interop/go/s3ec.go `get`) reads it. Shared by the live contract test, which asserts
 * each case, and tests/interop/regenerate-go-fixtures.mts, which prints the table recorded in the fixtures' README.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { KMSClient } from '@aws-sdk/client-kms'
import { fromBase64, utf8 } from '@/lib/crypto/bytes'
import { kmsKeyring, kmsPortFromClient, S3EncryptionClient, type Format } from '@/lib/cse'
import { runGoS3ec } from './go-s3ec'

export interface ReverseCase {
  name: string
  format: Format
  instructionFile?: boolean
  encryptionContext?: Record<string, string>
  body: Uint8Array
  /** Flip one bit of the stored body after writing. */
  tamper?: boolean
  /** What Go should do: decrypt to the body, or fail with an error matching this. */
  expected: 'decrypts' | RegExp
}

const text = utf8(`written by lib/cse, read by Go: ${'x'.repeat(100)}`)
// Deterministic, 1 MiB: more than a few GCM blocks, and no randomness in a recorded result.
const mib = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 31 + 7) & 0xff)

export const reverseCases: ReverseCase[] = [
  { name: 'v2 kms+context, metadata', format: 'v2', body: text, expected: 'decrypts' },
  { name: 'v2 kms+context, empty body', format: 'v2', body: new Uint8Array(), expected: 'decrypts' },
  { name: 'v2 kms+context, 1 MiB', format: 'v2', body: mib, expected: 'decrypts' },
  {
    name: 'v2 kms+context with an encryption context',
    format: 'v2',
    encryptionContext: { project: 's3-playground' },
    body: text,
    expected: 'decrypts',
  },
  { name: 'v2 kms+context, instruction file', format: 'v2', instructionFile: true, body: text, expected: 'decrypts' },
  // Go s3crypto 1.44 predates V3: it finds no V2 keys on the object and looks for an instruction file.
  { name: 'v3 kms+context (key commitment)', format: 'v3', body: text, expected: /NoSuchKey|instruction/i },
  {
    name: 'v2 kms+context, one body bit flipped',
    format: 'v2',
    body: text,
    tamper: true,
    expected: /authentication failed|message authentication/i,
  },
]

export interface ReverseContext {
  s3: S3Client
  kms: KMSClient
  keyId: string
  binary: string
  endpoint: string
  bucket: string
}

export type ReverseResult = { ok: true; body: Uint8Array } | { ok: false; error: string }

export async function cseToGo(c: ReverseCase, ctx: ReverseContext): Promise<ReverseResult> {
  const key = `from-cse/${c.name.replace(/[^a-z0-9]+/gi, '-')}`
  const keyring = kmsKeyring(kmsPortFromClient(ctx.kms), ctx.keyId, { encryptionContext: c.encryptionContext ?? {} })
  await new S3EncryptionClient({
    s3: ctx.s3,
    keyring,
    format: c.format,
    instructionFile: c.instructionFile ?? false,
  }).putObject({ Bucket: ctx.bucket, Key: key, Body: c.body })
  if (c.tamper) {
    const raw = await ctx.s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }))
    const stored = await raw.Body!.transformToByteArray()
    stored[0]! ^= 1
    await ctx.s3.send(new PutObjectCommand({ Bucket: ctx.bucket, Key: key, Body: stored, Metadata: raw.Metadata }))
  }
  try {
    const out = await runGoS3ec(ctx.binary, ['get', ctx.endpoint, ctx.bucket, key, ctx.keyId])
    return { ok: true, body: fromBase64(out.trim())! }
  } catch (e) {
    return { ok: false, error: (e as Error).message.split('\n')[0]! }
  }
}

/** One line for the README: what happened, and whether it is what was expected. */
export function describeResult(c: ReverseCase, r: ReverseResult): string {
  const as = (ok: boolean) => (ok ? 'as expected' : '**unexpected**')
  if (r.ok) {
    const same = r.body.length === c.body.length && r.body.every((b, i) => b === c.body[i])
    return `| ${c.name} | decrypted, ${same ? 'same bytes' : 'DIFFERENT bytes'} | ${as(c.expected === 'decrypts' && same)} |`
  }
  return `| ${c.name} | refused: \`${r.error.replace(/\|/g, '\\|')}\` | ${as(c.expected !== 'decrypts' && c.expected.test(r.error))} |`
}

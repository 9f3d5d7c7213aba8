/**
 * "Who can read this object?": from the emulator's actual state, which principals could obtain the plaintext
 * and why, citing the bucket-policy and key-policy statements that decide it. Every decision goes through the
 * one policy evaluator (lib/policy/evaluate.ts), the same calls S3 and KMS make when a GET really happens
 * (docs/fidelity.md, "Who can read an object").
 *
 * Simulation note: the playground models no IAM identity policies. The bucket owner (the playground user) is
 * taken to be allowed by its own permissions; any other principal needs a bucket-policy Allow to get the
 * object and a key-policy Allow for kms:Decrypt. Key policies naming the account root count for the account's
 * principals, as lib/kms/principal.ts explains.
 */
import { parsePolicy } from '../kms/key-policy'
import type { KmsState } from '../kms/state'
import { explainPolicy } from '../kms/policy-evaluation'
import type { StatementTrace } from '../policy/evaluate'
import { objectArn, isDeleteMarker, type StoredObject } from '../s3/model'
import { callerArn } from '../s3/policy/authorize'
import { evaluatePolicy } from '../s3/policy/evaluate'
import type { S3State } from '../s3/state'
import { versionIdOf, versionsOf } from '../s3/versions'
import { badgesFor, type Badge } from './buckets-view'

export interface Citation {
  policy: 'bucket policy' | 'key policy'
  /** `"Sid"` or `#n` (1-based), as the inspector names statements elsewhere. */
  statement: string
  effect: 'Allow' | 'Deny'
  /** Each check of the statement against this principal's request, as a sentence. */
  checks: string[]
}

export type Verdict = 'yes' | 'no' | 'with-key'

export interface Reader {
  /** Who, for the learner: "Bucket owner (you)", an ARN, "Anyone ("*")", "Someone with only the stored bytes". */
  who: string
  principalArn?: string
  verdict: Verdict
  /** The reasons, in the order the decision is made (S3 first, then KMS). */
  why: string[]
  /** The statements that decided it (those that apply), in the order evaluated. */
  citations: Citation[]
}

export interface WhoCanRead {
  bucket: string
  key: string
  versionId?: string
  badges: Badge[]
  readers: Reader[]
}

const statementName = (t: StatementTrace) => (t.sid !== undefined ? `"${t.sid}"` : `#${t.index + 1}`)
const cite = (policy: Citation['policy'], t: StatementTrace): Citation => ({
  policy,
  statement: statementName(t),
  effect: t.effect,
  checks: t.checks,
})

const accountOf = (arn: string) => /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1]
/** A policy principal as an ARN: a bare account id means that account's root. */
const asArn = (p: string) => (/^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p)
/** Stands for "any principal" when a statement names "*": an account that appears nowhere else. */
const ANYONE_ARN = 'arn:aws:iam::000000000000:user/anyone'

interface Candidate {
  who: string
  arn: string
}

function candidates(s3: S3State, kms: KmsState | undefined, bucket: string, keyArn: string | undefined): Candidate[] {
  const account = s3.options.account
  const owner = callerArn(account)
  const seen = new Set([owner, `arn:aws:iam::${account}:root`])
  const out: Candidate[] = [{ who: 'Bucket owner (you, the playground user)', arn: owner }]
  const add = (p: string, source: string) => {
    if (p === '*') {
      if (!seen.has(ANYONE_ARN)) out.push({ who: `Anyone ("*" in the ${source})`, arn: ANYONE_ARN })
      seen.add(ANYONE_ARN)
      return
    }
    const arn = asArn(p)
    if (seen.has(arn) || !arn.startsWith('arn:aws:iam::')) return
    seen.add(arn)
    out.push({ who: `${arn} (named in the ${source})`, arn })
  }
  for (const s of s3.buckets.get(bucket)?.policy?.statements ?? [])
    if (s.effect === 'Allow' && !s.notPrincipal)
      for (const p of s.principal === '*' ? ['*'] : s.principal) add(p, 'bucket policy')
  const key = keyArn ? [...(kms?.keys.values() ?? [])].find((k) => k.arn === keyArn) : undefined
  if (key)
    for (const s of parsePolicy(key.policy))
      if (s.effect === 'Allow' && !s.notPrincipal)
        for (const p of s.principal === '*' ? [] : s.principal) add(p, 'key policy')
  return out
}

/** Finds the version the inspector shows: the given one, else the latest that is not a delete marker. */
function objectOf(s3: S3State, bucket: string, key: string, versionId?: string): StoredObject | undefined {
  const b = s3.buckets.get(bucket)
  if (!b) return undefined
  return versionsOf(b, key).find(
    (v): v is StoredObject => !isDeleteMarker(v) && (versionId === undefined || versionIdOf(v) === versionId),
  )
}

export function whoCanRead(
  s3: S3State,
  kms: KmsState | undefined,
  bucket: string,
  key: string,
  versionId?: string,
): WhoCanRead | undefined {
  const object = objectOf(s3, bucket, key, versionId)
  if (!object) return undefined
  const account = s3.options.account
  const region = s3.options.region
  const sse = object.sse
  const badges = badgesFor(sse, object.metadata)
  const clientSide = badges.includes('client-side')
  const kmsSse = sse.algorithm === 'aws:kms' || sse.algorithm === 'aws:kms:dsse' ? sse : undefined
  const kmsKeyArn = kmsSse?.keyArn
  const kmsKey = kmsKeyArn ? [...(kms?.keys.values() ?? [])].find((k) => k.arn === kmsKeyArn) : undefined
  const policy = s3.buckets.get(bucket)?.policy
  const resource = objectArn(bucket, key)
  // The current version is read with a plain GET; an older one needs ?versionId=, which is s3:GetObjectVersion.
  const current = s3.buckets.get(bucket)!.objects.get(key) === object
  const action = current ? 's3:GetObject' : 's3:GetObjectVersion'

  const readerFor = (c: Candidate): Reader => {
    const why: string[] = []
    const citations: Citation[] = []
    const isOwner = c.arn === callerArn(account)
    const principalAccount = accountOf(c.arn) ?? ''
    // 1. S3: may this principal get the object at all?
    let s3Ok = isOwner
    if (policy) {
      const context = new Map<string, string[]>([
        ['aws:securetransport', ['true']],
        ['aws:principalarn', [c.arn]],
        ['aws:principalaccount', [principalAccount]],
        ['aws:principaltype', ['User']],
      ])
      if (sse.algorithm === 'SSE-C') context.set('s3:x-amz-server-side-encryption-customer-algorithm', ['AES256'])
      const d = evaluatePolicy(policy, { action, resource, principalArn: c.arn, account: principalAccount, context })
      const deny = d.statements.find((t) => t.applies && t.effect === 'Deny')
      const allow = d.statements.find((t) => t.applies && t.effect === 'Allow')
      if (deny) {
        s3Ok = false
        citations.push(cite('bucket policy', deny))
        why.push(
          `S3 refuses ${action}: bucket policy statement ${statementName(deny)} denies it (an explicit Deny wins).`,
        )
      } else if (allow) {
        s3Ok = true
        citations.push(cite('bucket policy', allow))
        why.push(`S3 allows ${action}: bucket policy statement ${statementName(allow)} allows it.`)
      } else if (isOwner)
        why.push(`S3 allows ${action}: no bucket policy statement applies; the owner's own permissions allow it.`)
      else why.push(`S3 refuses ${action}: no bucket policy statement allows this principal.`)
    } else if (isOwner) why.push(`S3 allows ${action}: the bucket has no policy; the owner's own permissions allow it.`)
    else why.push(`S3 refuses ${action}: the bucket has no policy granting anyone else access.`)
    if (!s3Ok) return { who: c.who, principalArn: c.arn, verdict: 'no', why, citations }

    // 2. What S3 hands back, by encryption mode.
    if (sse.algorithm === 'SSE-C') {
      why.push('SSE-C: S3 decrypts only with the customer key sent on the GET; it kept just an HMAC of that key.')
      return { who: c.who, principalArn: c.arn, verdict: 'with-key', why, citations }
    }
    if (kmsKeyArn) {
      if (!kmsKey) {
        why.push(`The object's KMS key ${kmsKeyArn} no longer exists: nobody can decrypt the data key.`)
        return { who: c.who, principalArn: c.arn, verdict: 'no', why, citations }
      }
      // S3 calls kms:Decrypt for the caller, via S3, with the object's encryption context.
      const e = explainPolicy(parsePolicy(kmsKey.policy), {
        principalArn: c.arn,
        account: principalAccount,
        userName: c.arn.split('/').pop() ?? '',
        action: 'kms:Decrypt',
        viaService: `s3.${region}.amazonaws.com`,
        encryptionContext: kmsSse?.context ?? {},
      })
      if (e.deny) {
        citations.push(cite('key policy', e.deny))
        why.push(`KMS refuses kms:Decrypt: key policy statement ${statementName(e.deny)} denies it.`)
        return { who: c.who, principalArn: c.arn, verdict: 'no', why, citations }
      }
      if (!e.allow) {
        why.push('KMS refuses kms:Decrypt: no key policy statement allows it for this principal.')
        return { who: c.who, principalArn: c.arn, verdict: 'no', why, citations }
      }
      citations.push(cite('key policy', e.allow))
      why.push(
        `KMS allows kms:Decrypt: key policy statement ${statementName(e.allow)} allows it (via S3, with the object's context).`,
      )
      if (kmsKey.state !== 'Enabled') {
        why.push(`But the key is ${kmsKey.state}: KMS refuses every Decrypt until it is enabled again.`)
        return { who: c.who, principalArn: c.arn, verdict: 'no', why, citations }
      }
      why.push(`The key is Enabled${sse.algorithm === 'aws:kms:dsse' ? '; S3 removes both layers' : ''}.`)
    } else why.push('SSE-S3: S3 unwraps the data key with its own root key for any allowed request.')
    if (clientSide) {
      why.push('But the body is client-side encrypted: S3 hands back ciphertext; only the client-side key opens it.')
      return { who: c.who, principalArn: c.arn, verdict: 'no', why, citations }
    }
    return { who: c.who, principalArn: c.arn, verdict: 'yes', why, citations }
  }

  const readers = candidates(s3, kms, bucket, kmsKeyArn).map(readerFor)
  readers.push({
    who: 'Someone with only the stored bytes',
    verdict: 'no',
    why: [
      sse.algorithm === 'SSE-C'
        ? 'The disk holds AES-256-GCM ciphertext and an HMAC of the key, never the key itself.'
        : kmsKeyArn
          ? `The disk holds ciphertext and the data key wrapped by KMS key ${kmsKeyArn}, which never leaves KMS.`
          : 'The disk holds ciphertext and the data key wrapped by an S3 root key, which never leaves S3.',
    ],
    citations: [],
  })
  if (sse.algorithm === 'SSE-C')
    readers.push({
      who: 'The holder of the SSE-C key',
      verdict: 'with-key',
      why: [
        'Anyone S3 lets get the object can read it by sending the same 256-bit key; a wrong key fails the HMAC check (403).',
        'S3 keeps only a salted HMAC and the key MD5; lose the key and the object is unreadable for everyone.',
      ],
      citations: [],
    })
  if (clientSide)
    readers.push({
      who: 'The client-side key holder',
      verdict: 'with-key',
      why: [
        'The object was encrypted before upload; S3 never saw the key, only the wrapped data key in the metadata.',
        'Whoever holds the wrapping key (and gets the bytes) can decrypt, whatever the bucket policy says about plaintext.',
      ],
      citations: [],
    })
  return { bucket, key, ...(versionId !== undefined ? { versionId } : {}), badges, readers }
}

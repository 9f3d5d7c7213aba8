/**
 * The three configuration documents the editors edit, read and written through the SDK exactly as a
 * learner's program would: GetBucketEncryption / PutBucketEncryption, GetBucketPolicy / PutBucketPolicy,
 * GetKeyPolicy / PutKeyPolicy. So every load and Apply shows in the inspector and (for KMS) CloudTrail,
 * and a refusal is the service's own error.
 */
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  type S3Client,
  type ServerSideEncryptionConfiguration,
} from '@aws-sdk/client-s3'
import { GetKeyPolicyCommand, PutKeyPolicyCommand, type KMSClient } from '@aws-sdk/client-kms'

import type { DocumentKind } from './document-kinds'

export { DOCUMENT_LABELS, type DocumentKind } from './document-kinds'

export interface DocumentClients {
  s3: S3Client
  kms: KMSClient
}

/** What a bucket without a policy starts from in the editor (nothing is sent until Apply). */
export const EMPTY_BUCKET_POLICY = `{
  "Version": "2012-10-17",
  "Statement": []
}`

export interface Loaded {
  text: string
  /** False when the resource has no such document yet (GetBucketPolicy's NoSuchBucketPolicy). */
  exists: boolean
}

/** An error the SDK raised, as the service named it: `MalformedPolicy: Policy has invalid action`. */
export interface ServiceErrorInfo {
  name: string
  message: string
  status?: number
}

export function serviceError(error: unknown): ServiceErrorInfo {
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
    return { name: error.name, message: error.message, ...(status !== undefined ? { status } : {}) }
  }
  return { name: 'Error', message: String(error) }
}

/** Not sent: the encryption configuration travels as XML, so JSON that does not parse never reaches S3. */
export class LocalDocumentError extends Error {
  override name = 'InvalidJSON'
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2)

export async function loadDocument(clients: DocumentClients, kind: DocumentKind, target: string): Promise<Loaded> {
  switch (kind) {
    case 'bucket-encryption': {
      const out = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: target }))
      return { text: pretty({ Rules: out.ServerSideEncryptionConfiguration?.Rules ?? [] }), exists: true }
    }
    case 'bucket-policy':
      try {
        const out = await clients.s3.send(new GetBucketPolicyCommand({ Bucket: target }))
        return { text: prettyIfJson(out.Policy ?? ''), exists: true }
      } catch (error) {
        if (serviceError(error).name === 'NoSuchBucketPolicy') return { text: EMPTY_BUCKET_POLICY, exists: false }
        throw error
      }
    case 'key-policy': {
      const out = await clients.kms.send(new GetKeyPolicyCommand({ KeyId: target, PolicyName: 'default' }))
      return { text: out.Policy ?? '', exists: true }
    }
  }
}

/** Policies are stored verbatim; show a compact one indented, leave anything else as it came. */
function prettyIfJson(text: string): string {
  try {
    return text.includes('\n') ? text : pretty(JSON.parse(text))
  } catch {
    return text
  }
}

/**
 * Sends the document. Policies go as the text typed (S3 and KMS judge malformed JSON themselves); the
 * encryption configuration must parse first, since the SDK turns it into XML.
 */
export async function applyDocument(
  clients: DocumentClients,
  kind: DocumentKind,
  target: string,
  text: string,
): Promise<void> {
  switch (kind) {
    case 'bucket-encryption': {
      let config: ServerSideEncryptionConfiguration
      try {
        config = JSON.parse(text) as ServerSideEncryptionConfiguration
      } catch (error) {
        throw new LocalDocumentError(`Not sent: the configuration is not valid JSON (${(error as Error).message}).`)
      }
      if (typeof config !== 'object' || config === null || !Array.isArray(config.Rules))
        throw new LocalDocumentError('Not sent: the configuration needs a "Rules" list.')
      await clients.s3.send(
        new PutBucketEncryptionCommand({ Bucket: target, ServerSideEncryptionConfiguration: config }),
      )
      return
    }
    case 'bucket-policy':
      await clients.s3.send(new PutBucketPolicyCommand({ Bucket: target, Policy: text }))
      return
    case 'key-policy':
      await clients.kms.send(new PutKeyPolicyCommand({ KeyId: target, PolicyName: 'default', Policy: text }))
      return
  }
}

/**
 * What the playground created on a real target, so `playground cleanup` can remove exactly that and
 * nothing else: buckets, objects (with their version ids), KMS keys and aliases, multipart uploads.
 * Recorded from successful SDK calls; held in memory for the page's life.
 */
import type { Clients, ServiceName } from './clients'

export type Created =
  | { kind: 'bucket'; bucket: string }
  | { kind: 'object'; bucket: string; key: string; versionId?: string }
  | { kind: 'upload'; bucket: string; key: string; uploadId: string }
  | { kind: 'key'; keyId: string }
  | { kind: 'alias'; alias: string }

const same = (a: Created, b: Created) => JSON.stringify(a) === JSON.stringify(b)

export class CreatedResources {
  private items: Created[] = []

  add(item: Created): void {
    if (!this.items.some((i) => same(i, item))) this.items.push(item)
  }

  remove(item: Created): void {
    this.items = this.items.filter((i) => !same(i, item))
  }

  all(): readonly Created[] {
    return this.items
  }

  /** Records what a successful call created (or forgets what it deleted). */
  observe(operation: string, input: Record<string, unknown>, output: Record<string, unknown>): void {
    const bucket = input.Bucket as string | undefined
    const key = input.Key as string | undefined
    const versionId = output.VersionId as string | undefined
    switch (operation) {
      case 'CreateBucket':
        return this.add({ kind: 'bucket', bucket: bucket! })
      case 'PutObject':
      case 'CopyObject':
      case 'CompleteMultipartUpload':
        this.items = this.items.filter(
          (i) => !(i.kind === 'upload' && i.bucket === bucket && i.key === key && i.uploadId === input.UploadId),
        )
        return this.add({ kind: 'object', bucket: bucket!, key: key!, ...(versionId ? { versionId } : {}) })
      case 'CreateMultipartUpload':
        return this.add({ kind: 'upload', bucket: bucket!, key: key!, uploadId: output.UploadId as string })
      case 'AbortMultipartUpload':
        return this.remove({ kind: 'upload', bucket: bucket!, key: key!, uploadId: input.UploadId as string })
      case 'DeleteObject':
        this.items = this.items.filter(
          (i) =>
            !(
              i.kind === 'object' &&
              i.bucket === bucket &&
              i.key === key &&
              (!input.VersionId || i.versionId === input.VersionId)
            ),
        )
        return
      case 'DeleteBucket':
        return this.remove({ kind: 'bucket', bucket: bucket! })
      case 'CreateKey': {
        const meta = output.KeyMetadata as { KeyId?: string } | undefined
        if (meta?.KeyId) this.add({ kind: 'key', keyId: meta.KeyId })
        return
      }
      case 'ScheduleKeyDeletion':
        this.items = this.items.filter((i) => !(i.kind === 'key' && String(input.KeyId).endsWith(i.keyId)))
        return
      case 'CreateAlias':
        return this.add({ kind: 'alias', alias: input.AliasName as string })
      case 'DeleteAlias':
        return this.remove({ kind: 'alias', alias: input.AliasName as string })
    }
  }
}

const NAME = 'playgroundTracker'

export function trackCreations(clients: Clients, tracker: CreatedResources): void {
  const services: ServiceName[] = ['s3', 'kms']
  for (const service of services) {
    const stack = clients[service].middlewareStack as unknown as {
      add(mw: unknown, options: Record<string, unknown>): void
    }
    stack.add(
      (next: (a: unknown) => Promise<{ output: Record<string, unknown> }>, context: { commandName?: string }) =>
        async (args: { input: Record<string, unknown> }) => {
          const result = await next(args)
          tracker.observe((context.commandName ?? '').replace(/Command$/, ''), args.input, result.output)
          return result
        },
      { step: 'initialize', name: NAME, override: true },
    )
  }
}

/** `s3://bucket/key (version v)`, `KMS key id`, for listings. */
export function describeCreated(item: Created): string {
  switch (item.kind) {
    case 'bucket':
      return `bucket  s3://${item.bucket}`
    case 'object':
      return `object  s3://${item.bucket}/${item.key}${item.versionId ? ` (version ${item.versionId})` : ''}`
    case 'upload':
      return `upload  s3://${item.bucket}/${item.key} (multipart upload ${item.uploadId})`
    case 'key':
      return `KMS key ${item.keyId} (scheduled for deletion in 7 days: keys cannot be deleted at once)`
    case 'alias':
      return `alias   ${item.alias}`
  }
}

/**
 * The account's CloudTrail event history: every KMS call and KMS service event, newest last, as the records
 * AWS writes. LookupEvents (lookup-events.ts) reads it; the usage report (usage.ts) counts it.
 *
 * Simulation note: AWS keeps 90 days of management events; we keep the most recent `capacity` records
 * (10,000 by default) and LookupEvents shows those of the last 90 days by the emulator's clock.
 */
import type { RandomSource } from '../crypto/random'
import { uuidV4 } from '../crypto/uuid'
import type { KmsAuditRecord } from '../kms/audit'
import { toCloudTrailRecord, type CloudTrailRecord } from './record'

export interface TrailOptions {
  region: string
  account: string
  random: RandomSource
  now: () => Date
  capacity?: number
}

export interface TrailEntry {
  record: CloudTrailRecord
  /** Event time in ms, kept exactly (eventTime in the record is to the second). */
  at: number
  /** Insertion order, to break ties between events in the same millisecond. */
  seq: number
}

export class CloudTrail {
  private entries: TrailEntry[] = []
  private seq = 0
  private readonly addListeners = new Set<(entry: TrailEntry) => void>()

  constructor(readonly options: TrailOptions) {}

  /** Records one KMS audit record as a CloudTrail event. */
  recordKms(audit: KmsAuditRecord): CloudTrailRecord {
    const { region, account, random } = this.options
    const record = toCloudTrailRecord(audit, { region, account, eventId: uuidV4(random) })
    this.add(record, audit.time.getTime())
    return record
  }

  /** All stored records, oldest first. */
  records(): CloudTrailRecord[] {
    return this.sorted().map((e) => e.record)
  }

  /** Entries newest first, the order LookupEvents returns. */
  newestFirst(): TrailEntry[] {
    return this.sorted().reverse()
  }

  /** Restores saved records (snapshot), replacing the current history. */
  replaceWith(records: Iterable<CloudTrailRecord>, times: Iterable<number>): void {
    this.entries = []
    const at = [...times]
    let i = 0
    for (const record of records) this.add(record, at[i++] ?? Date.parse(record.eventTime))
  }

  /** Calls `listener` with each record added from now on (--data-dir journals them one by one). */
  onAdd(listener: (entry: TrailEntry) => void): () => void {
    this.addListeners.add(listener)
    return () => this.addListeners.delete(listener)
  }

  /** Event times in ms, in the order of records(). */
  times(): number[] {
    return this.sorted().map((e) => e.at)
  }

  private add(record: CloudTrailRecord, at: number): void {
    const entry = { record, at, seq: this.seq++ }
    this.entries.push(entry)
    for (const listener of this.addListeners) listener(entry)
    const capacity = this.options.capacity ?? 10_000
    if (this.entries.length > capacity) this.entries = this.sorted().slice(-capacity)
  }

  private sorted(): TrailEntry[] {
    return [...this.entries].sort((a, b) => a.at - b.at || a.seq - b.seq)
  }
}

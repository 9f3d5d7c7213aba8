/**
 * The emulator's state as entities, for `--data-dir`'s journal (docs/persistence.md): the S3 top level
 * (root keys), KMS (keys, aliases, clock offset), CloudTrail records (appended), and per bucket a header plus
 * one entity per entry of each of its Map fields (objects, uploads, and whatever Map a later model adds).
 *
 * Every entity is encoded with the snapshot code itself (bucketsToSnapshot on a view of the bucket that
 * holds just that entry), so this file does not know the object model's shape: a new field or a new Map
 * on a bucket flows through as the snapshot encodes it. composeSnapshot() joins entities back into an
 * ordinary snapshot, which fromSnapshot restores.
 *
 * ChangeTracker finds what changed since the last call without scanning the state: each bucket's maps report
 * the keys set or deleted on them (watch), request events name the buckets and keys they touched (entries
 * under those keys are re-encoded: an object changed in place), and a bucket's header, the KMS part and the
 * S3 top level are small and compared as encoded text. Buckets themselves are compared by reference.
 */
import type { Bucket } from '../s3/model'
import type { CloudTrail } from '../cloudtrail/trail'
import type { Emulator } from './create-emulator'
import { kmsToSnapshot } from './kms-snapshot'
import { bucketsToSnapshot } from './s3-snapshot'
import { toSnapshot } from './snapshot'

type Obj = Record<string, unknown>

/** One change, as the journal records it. An entry op without `value` removes the entry. */
export type Op =
  | { s3: unknown }
  | { kms: unknown }
  | { trail: [record: unknown, at: number] }
  | { bucket: string; header: unknown }
  | { bucket: string; drop: true }
  | { bucket: string; field: string; key: unknown; value?: unknown }

export interface BucketEntities {
  header: Obj
  /** By JSON.stringify([field, key]). */
  entries: Map<string, { field: string; key: unknown; value: Obj }>
}

export interface Entities {
  s3: Obj
  kms: Obj
  trail: { records: unknown[]; times: number[] }
  buckets: Map<string, BucketEntities>
}

export const emptyEntities = (): Entities => ({
  s3: {},
  kms: {},
  trail: { records: [], times: [] },
  buckets: new Map(),
})

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const mapFields = (bucket: object) =>
  Object.entries(bucket)
    .filter(([, v]) => v instanceof Map)
    .map(([k]) => k)
const entryId = (field: string, key: unknown) => JSON.stringify([field, key])

/** The bucket with each Map field emptied, or holding just `only`. */
function view(bucket: Bucket, only?: { field: string; key: unknown; value: unknown }): Bucket {
  const out: Obj = { ...bucket }
  for (const f of mapFields(bucket)) out[f] = new Map(only?.field === f ? [[only.key, only.value]] : [])
  return out as unknown as Bucket
}
const encodeBucket = (bucket: Bucket) => bucketsToSnapshot([bucket], 'blobs')[0] as Obj
const emptyCollection = (v: unknown) =>
  (Array.isArray(v) && v.length === 0) || (isObj(v) && Array.isArray(v.$map) && v.$map.length === 0)

/** The snapshot fields one entry adds to its bucket's header (those the header holds as an empty list or map). */
function encodeEntry(bucket: Bucket, header: Obj, field: string, key: unknown, value: unknown): Obj {
  const full = encodeBucket(view(bucket, { field, key, value }))
  const out: Obj = {}
  for (const [f, v] of Object.entries(full)) if (emptyCollection(header[f]) && !emptyCollection(v)) out[f] = v
  return out
}

function s3Top(emulator: Emulator): Obj {
  const {
    buckets: _buckets,
    kms: _kms,
    ...top
  } = toSnapshot(Object.create(emulator.s3, { buckets: { value: new Map() } }), undefined, 'blobs') as Obj
  return top
}

const noTrail = { records: () => [], times: () => [] } as unknown as CloudTrail
function kmsPart(emulator: Emulator): Obj {
  const { trail: _trail, ...rest } = kmsToSnapshot({ ...emulator, cloudtrail: noTrail }) as Obj
  return rest
}

/** Joins entities into a snapshot (the format fromSnapshot and restoreKmsSnapshot read). */
export function composeSnapshot(e: Entities, trailCapacity: number): Obj {
  // Keep the newest records, as CloudTrail itself would (it sorts by time, then by arrival).
  const order = e.trail.times.map((at, i) => [at, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const kept = order.slice(-trailCapacity)
  const buckets = [...e.buckets.values()].map(({ header, entries }) => {
    const lists = new Map<string, unknown[]>()
    for (const { value } of entries.values())
      for (const [f, v] of Object.entries(value)) {
        const items = Array.isArray(v) ? v : isObj(v) && Array.isArray(v.$map) ? v.$map : []
        const list = lists.get(f) ?? lists.set(f, []).get(f)!
        for (const item of items) list.push(item)
      }
    const out: Obj = { ...header }
    for (const [f, items] of lists) out[f] = Array.isArray(header[f]) ? items : { $map: items }
    return out
  })
  return {
    ...e.s3,
    kms: { ...e.kms, trail: { records: kept.map(([, i]) => e.trail.records[i]), times: kept.map(([at]) => at) } },
    buckets,
  }
}

export class JournalDamage extends Error {}

/** Applies one journal op to entities (replay at start-up). Throws JournalDamage on a malformed op. */
export function applyOp(e: Entities, op: unknown): void {
  if (!isObj(op)) throw new JournalDamage('a change record is not an object')
  if ('s3' in op && isObj(op.s3)) e.s3 = op.s3
  else if ('kms' in op && isObj(op.kms)) e.kms = op.kms
  else if ('trail' in op && Array.isArray(op.trail) && typeof op.trail[1] === 'number') {
    e.trail.records.push(op.trail[0])
    e.trail.times.push(op.trail[1])
  } else if (typeof op.bucket === 'string') {
    const name = op.bucket
    if (op.drop === true) e.buckets.delete(name)
    else if (isObj(op.header)) {
      const b = e.buckets.get(name)
      if (b) b.header = op.header
      else e.buckets.set(name, { header: op.header, entries: new Map() })
    } else if (typeof op.field === 'string' && 'key' in op) {
      const b = e.buckets.get(name)
      if (!b) throw new JournalDamage('a change record names a bucket the state does not hold')
      const id = entryId(op.field, op.key)
      if (op.value === undefined) b.entries.delete(id)
      else if (isObj(op.value)) b.entries.set(id, { field: op.field, key: op.key, value: op.value })
      else throw new JournalDamage('a change record holds a malformed entry')
    } else throw new JournalDamage('a change record for a bucket is malformed')
  } else throw new JournalDamage('a change record is of no known kind')
}

interface FieldShadow {
  map: Map<unknown, unknown>
  /** Keys set or deleted since the last batch (the map's own set/delete/clear report them). */
  dirty: Set<unknown>
}

interface BucketShadow {
  ref: Bucket
  header: string
  fields: Map<string, FieldShadow>
}

/**
 * Makes `map` report the keys its set, delete and clear calls touch, into the returned set. The methods are
 * replaced on this one instance (not on Map.prototype), so other maps, and holders of this one, are unaffected.
 */
function watch(map: Map<unknown, unknown>): Set<unknown> {
  const dirty = new Set<unknown>()
  const own = map as Map<unknown, unknown> & Record<'set' | 'delete' | 'clear', unknown>
  own.set = (key: unknown, value: unknown) => {
    dirty.add(key)
    return Map.prototype.set.call(map, key, value)
  }
  own.delete = (key: unknown) => {
    dirty.add(key)
    return Map.prototype.delete.call(map, key)
  }
  own.clear = () => {
    for (const key of Map.prototype.keys.call(map)) dirty.add(key)
    Map.prototype.clear.call(map)
  }
  return dirty
}

function unwatch(map: Map<unknown, unknown>): void {
  const own = map as unknown as Record<string, unknown>
  delete own.set
  delete own.delete
  delete own.clear
}

/** True when entries are keyed by their own `key` (objects), so a touched key is found without a scan. */
const keyedByOwnKey = (map: Map<unknown, unknown>) => {
  for (const [key, value] of map) return isObj(value) && value.key === key
  return true
}

/** Finds the ops that bring the journal up to the emulator's state; see the file comment. */
export class ChangeTracker {
  private touched = new Map<string, Set<unknown>>()
  private trailAdded: [unknown, number][] = []
  private s3Text = ''
  private kmsText = ''
  private shadows = new Map<string, BucketShadow>()
  private readonly unsubscribe: (() => void)[] = []

  constructor(private readonly emulator: Emulator) {
    this.unsubscribe.push(
      emulator.events.subscribe((event) => {
        if (event.method === 'GET' || event.method === 'HEAD' || event.bucket === undefined) return
        const keys = this.touched.get(event.bucket) ?? this.touched.set(event.bucket, new Set()).get(event.bucket)!
        if (event.key !== undefined) keys.add(event.key)
      }),
      emulator.cloudtrail.onAdd((entry) => void this.trailAdded.push([entry.record, entry.at])),
    )
  }

  stop(): void {
    for (const u of this.unsubscribe) u()
    for (const shadow of this.shadows.values()) for (const { map } of shadow.fields.values()) unwatch(map)
  }

  /** Everything, as entities (a compaction); what changes() compares against from now on. */
  captureAll(): Entities {
    const { emulator } = this
    const s3 = s3Top(emulator)
    const kms = kmsPart(emulator)
    this.s3Text = JSON.stringify(s3)
    this.kmsText = JSON.stringify(kms)
    this.trailAdded = []
    this.touched.clear()
    for (const shadow of this.shadows.values()) for (const { map } of shadow.fields.values()) unwatch(map)
    this.shadows.clear()
    const buckets = new Map<string, BucketEntities>()
    for (const [name, bucket] of emulator.s3.buckets) {
      const ops: Op[] = []
      this.freshBucket(name, bucket, ops)
      const b: BucketEntities = { header: {}, entries: new Map() }
      for (const op of ops) {
        if ('header' in op) b.header = op.header as Obj
        else if ('field' in op)
          b.entries.set(entryId(op.field, op.key), { field: op.field, key: op.key, value: op.value as Obj })
      }
      buckets.set(name, b)
    }
    return {
      s3,
      kms,
      trail: { records: emulator.cloudtrail.records(), times: emulator.cloudtrail.times() },
      buckets,
    }
  }

  /** The ops since the last call (or captureAll), in an order replay can apply. */
  changes(): Op[] {
    const { emulator } = this
    const ops: Op[] = []
    const s3 = s3Top(emulator)
    const s3Text = JSON.stringify(s3)
    if (s3Text !== this.s3Text) ops.push({ s3 })
    this.s3Text = s3Text
    const kms = kmsPart(emulator)
    const kmsText = JSON.stringify(kms)
    if (kmsText !== this.kmsText) ops.push({ kms })
    this.kmsText = kmsText
    for (const [record, at] of this.trailAdded) ops.push({ trail: [record, at] })
    this.trailAdded = []

    const live = emulator.s3.buckets
    for (const [name, shadow] of this.shadows)
      if (live.get(name) !== shadow.ref) {
        for (const { map } of shadow.fields.values()) unwatch(map)
        ops.push({ bucket: name, drop: true })
        this.shadows.delete(name)
      }
    const touched = this.touched
    this.touched = new Map()
    for (const [name, bucket] of live) {
      const shadow = this.shadows.get(name)
      if (!shadow) this.freshBucket(name, bucket, ops)
      else if (touched.has(name) || [...shadow.fields.values()].some((f) => f.dirty.size > 0))
        this.diffBucket(name, bucket, shadow, touched.get(name) ?? new Set(), ops)
    }
    return ops
  }

  private freshBucket(name: string, bucket: Bucket, ops: Op[]): void {
    const header = encodeBucket(view(bucket))
    ops.push({ bucket: name, header })
    const fields = new Map<string, FieldShadow>()
    for (const field of mapFields(bucket)) {
      const map = (bucket as unknown as Obj)[field] as Map<unknown, unknown>
      for (const [key, value] of map)
        ops.push({ bucket: name, field, key, value: encodeEntry(bucket, header, field, key, value) })
      fields.set(field, { map, dirty: watch(map) })
    }
    this.shadows.set(name, { ref: bucket, header: JSON.stringify(header), fields })
  }

  private diffBucket(name: string, bucket: Bucket, shadow: BucketShadow, keys: Set<unknown>, ops: Op[]): void {
    const header = encodeBucket(view(bucket))
    const headerText = JSON.stringify(header)
    if (headerText !== shadow.header) ops.push({ bucket: name, header })
    shadow.header = headerText
    const current = mapFields(bucket)
    const entry = (field: string, map: Map<unknown, unknown>, key: unknown) =>
      ops.push(
        map.has(key)
          ? { bucket: name, field, key, value: encodeEntry(bucket, header, field, key, map.get(key)) }
          : { bucket: name, field, key },
      )
    for (const field of current) {
      const map = (bucket as unknown as Obj)[field] as Map<unknown, unknown>
      const known = shadow.fields.get(field)
      if (known?.map !== map) {
        // A new map, or the field given a new Map: every old entry goes, every current one is written.
        for (const key of known?.map.keys() ?? []) if (!map.has(key)) ops.push({ bucket: name, field, key })
        for (const key of map.keys()) entry(field, map, key)
        shadow.fields.set(field, { map, dirty: watch(map) })
        continue
      }
      // Keys the map saw set or deleted, plus entries under a key the requests touched (changed in place).
      const changed = new Set(known.dirty)
      known.dirty.clear()
      for (const key of keys) if (map.has(key)) changed.add(key)
      if (keys.size > 0 && !keyedByOwnKey(map))
        for (const [key, value] of map) if (isObj(value) && keys.has(value.key)) changed.add(key)
      for (const key of changed) entry(field, map, key)
    }
    for (const [field, known] of shadow.fields)
      if (!current.includes(field)) {
        for (const key of known.map.keys()) ops.push({ bucket: name, field, key })
        shadow.fields.delete(field)
      }
  }
}

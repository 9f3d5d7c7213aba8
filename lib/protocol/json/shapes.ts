/**
 * Input checking for AWS JSON 1.1 services (KMS, CloudTrail), the way AWS's front ends do it:
 * a member of the wrong JSON type is a SerializationException ("STRING_VALUE cannot be converted to
 * Integer"); a well-typed value that breaks a model constraint (required, length, range, enum, pattern)
 * is collected into one ValidationException ("2 validation errors detected: ...; ...").
 * Blobs arrive as base64 and come out as bytes; timestamps as epoch seconds (or ISO 8601) and come out as Dates.
 *
 * Simulation note: the type-mismatch wording follows AWS JSON services generally (Coral); KMS's exact text
 * for each case is not recorded. Unknown members are ignored, as AWS does.
 */
import { fromBase64 } from '../../crypto/bytes'
import { bounded } from '../bounded'

export type Shape =
  | { type: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'blob'; min?: number; max?: number; sensitive?: boolean }
  | { type: 'timestamp' }
  | { type: 'map'; value: Shape }
  | { type: 'list'; member: Shape; min?: number; max?: number }
  | StructureShape

export interface StructureShape {
  type: 'structure'
  members: Record<string, Shape>
  required?: readonly string[]
}

/** A JSON value of the wrong type for its member. */
export class SerializationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SerializationError'
  }
}

const JSON_KIND = (v: unknown) =>
  typeof v === 'string'
    ? 'STRING_VALUE'
    : typeof v === 'number'
      ? 'NUMBER_VALUE'
      : typeof v === 'boolean'
        ? v
          ? 'TRUE_VALUE'
          : 'FALSE_VALUE'
        : 'VALUE'

function mismatch(value: unknown, target: string): SerializationError {
  if (Array.isArray(value)) return new SerializationError('Start of list found where not expected')
  if (value !== null && typeof value === 'object')
    return new SerializationError('Start of structure or map found where not expected.')
  return new SerializationError(`${JSON_KIND(value)} cannot be converted to ${target}`)
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

const SHOWN_MAX = 16 * 1024

/** How Coral shows a value in a violation: strings quoted, blobs as Java's ByteBuffer, sensitive values not at all. */
function shown(shape: Shape, value: unknown): string | undefined {
  if (shape.type === 'blob')
    return shape.sensitive
      ? undefined
      : `java.nio.HeapByteBuffer[pos=0 lim=${(value as Uint8Array).length} cap=${(value as Uint8Array).length}]`
  // Values are shown whole up to twice the longest constrained string KMS takes (a description, 8192), never more.
  if (Array.isArray(value)) return bounded(`[${value.join(', ')}]`, SHOWN_MAX)
  return bounded(String(value), SHOWN_MAX)
}

class Checker {
  readonly violations: string[] = []

  violate(shape: Shape, value: unknown, path: string, constraint: string): void {
    const v = shown(shape, value)
    this.violations.push(
      `Value${v === undefined ? '' : ` '${v}'`} at '${path}' failed to satisfy constraint: Member must ${constraint}`,
    )
  }

  bounds(
    shape: Shape & { min?: number; max?: number },
    value: unknown,
    size: number,
    path: string,
    what: 'length' | 'value',
  ): void {
    if (shape.min !== undefined && size < shape.min)
      this.violate(shape, value, path, `have ${what} greater than or equal to ${shape.min}`)
    else if (shape.max !== undefined && size > shape.max)
      this.violate(shape, value, path, `have ${what} less than or equal to ${shape.max}`)
  }

  decode(shape: Shape, value: unknown, path: string): unknown {
    switch (shape.type) {
      case 'string': {
        if (typeof value !== 'string') throw mismatch(value, 'String')
        this.bounds(shape, value, value.length, path, 'length')
        if (shape.enum && !shape.enum.includes(value))
          this.violate(shape, value, path, `satisfy enum value set: [${shape.enum.join(', ')}]`)
        if (shape.pattern && !new RegExp(`^(?:${shape.pattern})$`, 'u').test(value))
          this.violate(shape, value, path, `satisfy regular expression pattern: ${shape.pattern}`)
        return value
      }
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(value, 'Integer')
        this.bounds(shape, value, value, path, 'value')
        return value
      case 'boolean':
        if (typeof value !== 'boolean') throw mismatch(value, 'Boolean')
        return value
      case 'timestamp': {
        const date =
          typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined
        if (!date || Number.isNaN(date.getTime())) throw mismatch(value, 'Date')
        return date
      }
      case 'blob': {
        if (typeof value !== 'string') throw mismatch(value, 'ByteBuffer')
        const bytes = fromBase64(value)
        if (!bytes) throw new SerializationError('')
        this.bounds(shape, bytes, bytes.length, path, 'length')
        return bytes
      }
      case 'list': {
        if (!Array.isArray(value)) throw mismatch(value, 'List')
        this.bounds(shape, value, value.length, path, 'length')
        return value.map((item, i) => this.decode(shape.member, item, `${path}.${i + 1}.member`))
      }
      case 'map': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'Map')
        return Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k, this.decode(shape.value, v, `${path}.${k}`)]),
        )
      }
      case 'structure': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'Structure')
        const input = value as Record<string, unknown>
        const out: Record<string, unknown> = {}
        for (const [name, member] of Object.entries(shape.members)) {
          const memberPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name)
          if (input[name] === undefined || input[name] === null) {
            if (shape.required?.includes(name))
              this.violations.push(
                `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
              )
            continue
          }
          out[name] = this.decode(member, input[name], memberPath)
        }
        return out
      }
    }
  }
}

/** Decodes a request body against its input shape. Throws SerializationError; returns the violations found. */
export function decodeInput(
  shape: StructureShape,
  body: unknown,
): { input: Record<string, unknown>; violations: string[] } {
  const checker = new Checker()
  const input = checker.decode(shape, body, '') as Record<string, unknown>
  return { input, violations: checker.violations }
}

/** Coral's ValidationException message for a list of violations. */
export const validationMessage = (violations: readonly string[]) =>
  `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`

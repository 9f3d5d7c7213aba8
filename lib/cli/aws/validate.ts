/**
 * Client-side parameter validation with botocore's messages ("Parameter validation failed: ..."), so a
 * malformed --server-side-encryption-configuration fails in the CLI exactly as it does in aws-cli. Like
 * botocore's ParamValidator, only the model's `min` is checked (lengths of strings and lists, values of
 * integers); max and pattern are left to the service (docs/cli.md, checked against aws-cli 2.9.19).
 */
import { shapeOf, type ServiceModel } from './model'

const PY_TYPE: Record<string, string> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  boolean: "<class 'bool'>",
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
}

const pyType = (v: unknown) =>
  typeof v === 'string'
    ? "<class 'str'>"
    : typeof v === 'boolean'
      ? "<class 'bool'>"
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? "<class 'int'>"
          : "<class 'float'>"
        : Array.isArray(v)
          ? "<class 'list'>"
          : v === null
            ? "<class 'NoneType'>"
            : "<class 'dict'>"

const pyRepr = (v: unknown): string =>
  typeof v === 'string'
    ? `'${v}'`
    : typeof v === 'boolean'
      ? v
        ? 'True'
        : 'False'
      : v === null
        ? 'None'
        : Array.isArray(v)
          ? `[${v.map(pyRepr).join(', ')}]`
          : typeof v === 'object'
            ? `{${Object.entries(v as object)
                .map(([k, x]) => `'${k}': ${pyRepr(x)}`)
                .join(', ')}}`
            : String(v)

export function validateParams(model: ServiceModel, shapeName: string, value: Record<string, unknown>): string[] {
  const errors: string[] = []
  const walk = (shape: string, v: unknown, path: string) => {
    const s = shapeOf(model, shape)
    // Python formats the value with str(): bare for strings, repr() inside containers.
    const tooShort = (length: number) =>
      s.min !== undefined &&
      length < s.min &&
      errors.push(`Invalid length for parameter ${path}, value: ${length}, valid min length: ${s.min}`)
    const invalidType = (valid: string) =>
      errors.push(
        `Invalid type for parameter ${path}, value: ${typeof v === 'string' ? v : pyRepr(v)}, type: ${pyType(v)}, valid types: ${valid}`,
      )
    switch (s.type) {
      case 'structure': {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return invalidType(PY_TYPE.structure!)
        const obj = v as Record<string, unknown>
        for (const req of s.required ?? [])
          if (obj[req] === undefined) errors.push(`Missing required parameter in ${path ? path : 'input'}: "${req}"`)
        const names = (s.members ?? []).map((m) => m.name)
        for (const [k, x] of Object.entries(obj)) {
          const m = s.members?.find((mm) => mm.name === k)
          if (!m)
            errors.push(`Unknown parameter in ${path ? path : 'input'}: "${k}", must be one of: ${names.join(', ')}`)
          else if (x !== undefined) walk(m.shape, x, path ? `${path}.${k}` : k)
        }
        return
      }
      case 'list':
        if (!Array.isArray(v)) return invalidType(PY_TYPE.list!)
        tooShort(v.length)
        v.forEach((x, i) => walk(s.member!, x, `${path}[${i}]`))
        return
      case 'map':
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return invalidType(PY_TYPE.map!)
        for (const [k, x] of Object.entries(v)) walk(s.value!, x, `${path}.${k}`)
        return
      case 'string':
        // botocore's sse_md5 handler turns raw key bytes (fileb://) into base64 before validation runs.
        if (typeof v !== 'string' && !(v instanceof Uint8Array && path.endsWith('SSECustomerKey')))
          invalidType(PY_TYPE.string!)
        else if (typeof v === 'string') tooShort([...v].length) // Python's len(): code points
        return
      case 'boolean':
        if (typeof v !== 'boolean') invalidType(PY_TYPE.boolean!)
        return
      case 'integer':
      case 'long':
        if (typeof v !== 'number' || !Number.isInteger(v)) invalidType(PY_TYPE.integer!)
        else if (s.min !== undefined && v < s.min)
          errors.push(`Invalid value for parameter ${path}, value: ${v}, valid min value: ${s.min}`)
        return
      default:
        return
    }
  }
  walk(shapeName, value, '')
  return errors
}

/**
 * aws-cli v2's `--output yaml` (ruamel.yaml, block style): keys sorted, lists in line with their key,
 * strings single-quoted when YAML would otherwise read them as something else.
 */

const PLAIN_UNSAFE =
  /^$|^[\s]|[\s]$|^[-?:,[\]{}#&*!|>'"%@`]|: | #|^(true|false|yes|no|on|off|null|~|y|n)$|^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^0x[0-9a-f]+$|^\d{4}-\d\d-\d\d/i

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') return String(v)
  const s = String(v)
  if (s.includes('\n')) return `|-\n${s}` // rare in API output; kept readable
  return PLAIN_UNSAFE.test(s) || s.includes('"') ? `'${s.replace(/'/g, "''")}'` : s
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function lines(value: unknown, indent: string): string[] {
  if (isMap(value)) {
    const keys = Object.keys(value).sort()
    return keys.flatMap((k) => {
      const v = value[k]
      if (isMap(v) && Object.keys(v).length) return [`${indent}${k}:`, ...lines(v, indent + '  ')]
      if (Array.isArray(v) && v.length) return [`${indent}${k}:`, ...lines(v, indent)]
      return [`${indent}${k}: ${isMap(v) ? '{}' : Array.isArray(v) ? '[]' : scalar(v)}`]
    })
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if ((isMap(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
        const [first, ...rest] = lines(item, indent + '  ')
        return [`${indent}- ${first!.slice(indent.length + 2)}`, ...rest]
      }
      return [`${indent}- ${isMap(item) ? '{}' : Array.isArray(item) ? '[]' : scalar(item)}`]
    })
  }
  return [`${indent}${scalar(value)}`]
}

export const toYaml = (value: unknown): string => lines(value, '').join('\n') + '\n'

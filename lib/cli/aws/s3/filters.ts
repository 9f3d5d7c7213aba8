/** --exclude / --include, applied in order with the last match winning (awscli/customizations/s3/filters.py). */

/** fnmatch: `*` and `?` also match `/`, as in Python's fnmatch, and [seq] classes. */
export function fnmatch(name: string, pattern: string): boolean {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '*') re += '.*'
    else if (c === '?') re += '.'
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end < 0) re += '\\['
      else {
        const body = pattern.slice(i + 1, end)
        re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`
        i = end
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`, 's').test(name)
}

export type Filter = { kind: 'exclude' | 'include'; pattern: string }

/** Whether a path (relative to the source root) is transferred. */
export const included = (relative: string, filters: Filter[]): boolean =>
  filters.reduce((keep, f) => (fnmatch(relative, f.pattern) ? f.kind === 'include' : keep), true)

/** The --exclude/--include options in the order given. */
export function filtersFrom(args: string[]): Filter[] {
  const out: Filter[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if ((a === '--exclude' || a === '--include') && args[i + 1] !== undefined)
      out.push({ kind: a === '--exclude' ? 'exclude' : 'include', pattern: args[++i]! })
    else if (a.startsWith('--exclude=') || a.startsWith('--include='))
      out.push({ kind: a.startsWith('--exclude') ? 'exclude' : 'include', pattern: a.slice(10) })
  }
  return out
}

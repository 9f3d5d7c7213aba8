/** --exclude / --include, applied in order with the last match winning (awscli/customizations/s3/filters.py). */
import { globMatch } from '../../../policy/glob'

/** fnmatch: `*` and `?` also match `/`, as in Python's fnmatch, and [seq] classes; through the one linear-time matcher. */
export const fnmatch = (name: string, pattern: string): boolean => globMatch(pattern, name, { classes: true })

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

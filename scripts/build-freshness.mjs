// Whether out/ (the static export) is older than what it is built from, so `npm run serve` builds only when needed.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What the static export is built from: a change to any of these makes out/ stale. */
export const SOURCES = [
  'app',
  'components',
  'content',
  'lib',
  'public',
  'types',
  'mdx-components.tsx',
  'next.config.mjs',
  'postcss.config.mjs',
  'package-lock.json',
  'scripts/csp.mjs',
]

/** The newest modification time under `path` (a file or a directory, walked with an explicit stack). */
export function newestMtime(path) {
  if (!existsSync(path)) return 0
  let newest = 0
  const stack = [path]
  while (stack.length > 0) {
    const p = stack.pop()
    const s = statSync(p)
    if (s.isDirectory()) for (const name of readdirSync(p)) stack.push(join(p, name))
    else newest = Math.max(newest, s.mtimeMs)
  }
  return newest
}

/** Why `root/out` must be (re)built, or undefined when it is up to date. */
export function staleReason(root, out = 'out') {
  const marker = join(root, out, 'index.html')
  if (!existsSync(marker)) return `no static build in ${out}/`
  const built = statSync(marker).mtimeMs
  const changed = SOURCES.find((s) => newestMtime(join(root, s)) > built)
  return changed ? `${changed} changed since the last build` : undefined
}

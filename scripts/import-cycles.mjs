// Import cycles among lib/ files: the strongly connected components of the import graph, once with runtime
// imports only and once with type-only imports too (`import type`, `export type … from`, `{ type A, type B }`).
// Usage: node scripts/import-cycles.mjs [--json]   (docs/architecture.md, "Import cycles")
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = process.cwd()
const lib = join(root, 'lib')
const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path)
  }
}
walk(lib)

const resolveImport = (from, spec) => {
  const base = spec.startsWith('.')
    ? resolve(dirname(from), spec)
    : spec.startsWith('@/')
      ? join(root, spec.slice(2))
      : undefined
  if (!base) return undefined
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile())
}

const edges = new Map()
for (const file of files) {
  const text = readFileSync(file, 'utf8')
  const out = []
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/gm)) {
    const names = m[2].trim()
    const allTypes =
      /^\{[^}]*\}$/.test(names) &&
      names
        .replace(/[{}\s]/g, ' ')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '))
    const to = resolveImport(file, m[3])
    if (to?.startsWith(lib)) out.push({ to, typeOnly: Boolean(m[1]) || allTypes })
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
    const to = resolveImport(file, m[1])
    if (to?.startsWith(lib)) out.push({ to, typeOnly: false })
  }
  edges.set(file, out)
}

/** Tarjan's algorithm: the groups of two or more files that import each other, directly or not. */
function cycles(withTypes) {
  let next = 0
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const groups = []
  const visit = (v) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const { to, typeOnly } of edges.get(v) ?? []) {
      if (typeOnly && !withTypes) continue
      if (!index.has(to)) {
        visit(to)
        low.set(v, Math.min(low.get(v), low.get(to)))
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v), index.get(to)))
    }
    if (low.get(v) !== index.get(v)) return
    const group = []
    let w
    do {
      w = stack.pop()
      onStack.delete(w)
      group.push(relative(root, w))
    } while (w !== v)
    if (group.length > 1) groups.push(group.sort())
  }
  for (const f of files) if (!index.has(f)) visit(f)
  return groups.sort((a, b) => a[0].localeCompare(b[0]))
}

const result = { runtime: cycles(false), withTypes: cycles(true) }
if (process.argv.includes('--json')) console.log(JSON.stringify(result))
else
  for (const [label, groups] of [
    ['runtime imports', result.runtime],
    ['with type-only imports', result.withTypes],
  ]) {
    console.log(`${label}: ${groups.length} cycle(s)`)
    for (const g of groups) console.log(`  ${g.join('  ')}`)
  }

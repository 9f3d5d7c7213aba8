import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Shows source code of the emulator, read from the file at build time: what the lesson shows is exactly
 * what runs. `show` picks top-level declarations by name (functions, classes, constants); default: the file.
 */
export function Source({ path, show, caption }: { path: string; show?: string[]; caption?: string }) {
  const text = readFileSync(join(process.cwd(), path), 'utf8')
  const parts = show ? show.map((name) => excerpt(text, name, path)) : [text.trimEnd()]
  return (
    <figure className="my-4 overflow-hidden rounded border border-[var(--border)]" data-source={path}>
      <figcaption className="flex justify-between gap-2 bg-[var(--panel)] px-3 py-1 text-xs">
        <span className="font-mono">{path}</span>
        <span className="text-[var(--muted)]">{caption ?? 'the code the emulator runs'}</span>
      </figcaption>
      <pre
        tabIndex={0}
        className="max-h-[32rem] overflow-auto bg-[#0b1020] p-3 font-mono text-xs leading-relaxed text-[#e5e7eb]"
      >
        <code>{parts.join('\n\n// …\n\n')}</code>
      </pre>
    </figure>
  )
}

/** The declaration named `name`, from its doc comment to the line that closes it at column 0. */
export function excerpt(text: string, name: string, path: string): string {
  const lines = text.split('\n')
  const start = lines.findIndex((l) =>
    new RegExp(`^export (async )?(function|class|const|interface|type) ${name}\\b`).test(l),
  )
  if (start < 0) throw new Error(`<Source>: ${path} has no top-level declaration named ${name}`)
  let first = start
  while (first > 0 && /^(\/\*\*| \*|\/\/)/.test(lines[first - 1]!)) first--
  // A one-line declaration ends where it starts; a block ends at the first line closing at column 0 that does
  // not open another (a signature wrapped over lines closes with `): T {` and the body follows).
  const opens = /[{(]$/.test(lines[start]!.trimEnd())
  const end = opens ? lines.findIndex((l, i) => i > start && /^[})]/.test(l) && !/[{(]$/.test(l.trimEnd())) : start
  return lines.slice(first, end + 1).join('\n')
}

import type { KeyNode } from '@/lib/inspector/storage-view'

const STYLE: Record<KeyNode['kind'], string> = {
  root: 'border-blue-700 dark:border-blue-300',
  kms: 'border-violet-700 dark:border-violet-300',
  'bucket-key': 'border-violet-700 border-dashed dark:border-violet-300',
  'data-key': 'border-amber-700 dark:border-amber-300',
  customer: 'border-amber-700 border-dashed dark:border-amber-300',
  object: 'border-[var(--fg)]',
}

/** The key hierarchy, top key first, one column per data key (two for DSSE); each arrow says what the key above does. */
export function KeyHierarchy({ chains }: { chains: KeyNode[][] }) {
  return (
    <figure data-testid="key-hierarchy" className="flex flex-wrap gap-4">
      <figcaption className="sr-only">
        Key hierarchy: each key wraps the one below it; the last key encrypts the object.
      </figcaption>
      {chains.map((chain, c) => (
        <ol
          key={c}
          className="flex min-w-48 flex-1 flex-col items-start"
          aria-label={chains.length > 1 ? `Layer ${c + 1}` : 'Keys, top to bottom'}
        >
          {chain.map((node, i) => (
            <li key={i} className="flex flex-col items-start">
              {i > 0 && (
                <span className="py-0.5 pl-4 text-xs text-[var(--muted)]">
                  <span aria-hidden="true">↓ </span>
                  {node.kind === 'object' ? 'encrypts' : 'wraps'}
                </span>
              )}
              <span className={`max-w-72 rounded border-2 px-2 py-1 text-xs ${STYLE[node.kind]}`} data-node={node.kind}>
                <span className="block break-all font-mono font-semibold">{node.label}</span>
                <span className="block text-[var(--muted)]">{node.detail}</span>
              </span>
            </li>
          ))}
        </ol>
      ))}
    </figure>
  )
}

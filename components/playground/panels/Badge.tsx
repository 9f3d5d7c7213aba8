import type { Badge as BadgeName } from '@/lib/inspector/buckets-view'

const STYLE: Record<BadgeName, string> = {
  'SSE-S3': 'bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100',
  'SSE-KMS': 'bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100',
  'DSSE-KMS': 'bg-pink-100 text-pink-900 dark:bg-pink-900 dark:text-pink-100',
  'SSE-C': 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  'client-side': 'bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100',
}

const TITLE: Record<BadgeName, string> = {
  'SSE-S3': 'S3 encrypts with a data key wrapped by its own root key',
  'SSE-KMS': 'S3 encrypts with a data key from your KMS key',
  'DSSE-KMS': 'Two independent layers of encryption, both keys from KMS',
  'SSE-C': 'S3 encrypts with the key you send; it keeps only a salted HMAC of it',
  'client-side': 'Encrypted before upload: S3 only ever saw ciphertext',
}

/** An encryption mode as a coloured chip; the text carries the meaning, the colour only helps. */
export function Badge({ name }: { name: BadgeName }) {
  return (
    <span
      title={TITLE[name]}
      data-badge={name}
      className={`inline-block whitespace-nowrap rounded px-1.5 font-mono text-xs font-semibold ${STYLE[name]}`}
    >
      {name}
    </span>
  )
}

/**
 * A generated corpus of ways to type a secret into the terminal: every sensitive parameter of the CLI in
 * argument orders, with profiles and global options before or after, `=` and space forms, quoting,
 * abbreviations and typos of the option, `configure set` in every order, openssl passwords and keys,
 * s3ec keyrings, variables assigned a key or a command's output, and key files. Each spelling plants a
 * fresh random value; `needles` gives the forms a leak could take. Shared by the unit suite and the e2e.
 */
import fc from 'fast-check'

export interface Spelling {
  family: string
  /** Lines to type, in order. */
  lines: string[]
  /** The planted values (more are added at run time for values only the run knows, like a data key). */
  planted: string[]
}

/** What every spelling needs first: a bucket, a KMS key with an alias, a file to upload. */
export const SETUP = [
  'aws s3 mb s3://hygiene',
  'aws kms create-key --description hygiene',
  'aws kms create-alias --alias-name alias/hygiene --target-key-id $(aws kms list-keys --query Keys[0].KeyId --output text)',
  'echo "hygiene data" > f.txt',
  'aws s3 cp f.txt s3://hygiene/plain.txt',
]

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
/** A 32-character key (SSE-C takes it as it is), a 32-byte key in base64, hex, or an AWS-style secret. */
const keyText = fc.oneof(
  bytes(16).map(hex),
  bytes(32).map(b64),
  bytes(24).map(hex),
  fc.stringMatching(/^[A-Za-z0-9/+]{40}$/).filter((s) => /\d/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s)),
)
/** A password a person types: letters and digits, no shape a detector could rely on. */
const password = fc.stringMatching(/^[a-z][a-zA-Z0-9]{9,15}$/).map((s) => `pw${s}`)
const quoteIt = (q: string, s: string) => (q === "'" ? `'${s}'` : q === '"' ? `"${s}"` : s)
const quote = fc.constantFrom('', "'", '"')
const profile = fc.constantFrom('p2', 'p3', 'dev', 'default')
const globals = fc.subarray(['--region eu-west-1', '--output json', '--no-cli-pager', '--profile emulator'], {
  maxLength: 2,
})
/** Abbreviations argparse accepts, and typos it does not: both must lose their value. */
const spellingOf = (option: string) =>
  fc.oneof(
    fc.constant(option),
    fc.constant(option),
    fc.integer({ min: 5, max: option.length - 1 }).map((n) => option.slice(0, n)),
    fc
      .integer({ min: 3, max: option.length - 2 })
      .map((i) => option.slice(0, i) + option[i + 1] + option[i] + option.slice(i + 2)),
    fc.constant(option + 's'),
    fc.constant(option.toUpperCase()),
  )
const optionValue = (option: fc.Arbitrary<string>, value: string) =>
  fc
    .tuple(option, fc.boolean(), quote)
    .map(([o, eq, q]) => (eq ? `${o}=${quoteIt(q, value)}` : `${o} ${quoteIt(q, value)}`))

/** `aws [globals] SERVICE COMMAND` with its arguments in a random order and globals before or after. */
const awsLine = (head: string, args: fc.Arbitrary<string[]>) =>
  fc
    .tuple(args, globals, fc.boolean())
    .chain(([list, g, before]) =>
      fc
        .shuffledSubarray(list, { minLength: list.length, maxLength: list.length })
        .map((shuffled) =>
          before ? ['aws', ...g, head, ...shuffled].join(' ') : ['aws', head, ...shuffled, ...g].join(' '),
        ),
    )

const sseC = keyText.chain((secret) =>
  awsLine(
    's3 cp',
    fc
      .tuple(optionValue(spellingOf('--sse-c-key'), secret))
      .map(([o]) => ['f.txt', 's3://hygiene/c.txt', '--sse-c AES256', o]),
  ).map((line) => ({ family: 's3 cp --sse-c-key', lines: [line], planted: [secret] })),
)
const sseCCopy = keyText.chain((secret) =>
  awsLine(
    's3 cp',
    optionValue(spellingOf('--sse-c-copy-source-key'), secret).map((o) => [
      's3://hygiene/c.txt',
      's3://hygiene/d.txt',
      '--sse-c-copy-source AES256',
      o,
    ]),
  ).map((line) => ({ family: 's3 cp --sse-c-copy-source-key', lines: [line], planted: [secret] })),
)
const putObject = keyText.chain((secret) =>
  awsLine(
    's3api put-object',
    optionValue(spellingOf('--sse-customer-key'), secret).map((o) => [
      '--bucket hygiene',
      '--key e.txt',
      '--body f.txt',
      '--sse-customer-algorithm AES256',
      o,
    ]),
  ).map((line) => ({ family: 's3api --sse-customer-key', lines: [line], planted: [secret] })),
)
const copyObject = keyText.chain((secret) =>
  awsLine(
    's3api copy-object',
    optionValue(spellingOf('--copy-source-sse-customer-key'), secret).map((o) => [
      '--bucket hygiene',
      '--key g.txt',
      '--copy-source hygiene/e.txt',
      '--copy-source-sse-customer-algorithm AES256',
      o,
    ]),
  ).map((line) => ({ family: 's3api --copy-source-sse-customer-key', lines: [line], planted: [secret] })),
)
const kmsPlaintext = bytes(24).chain((raw) =>
  awsLine(
    'kms encrypt',
    optionValue(spellingOf('--plaintext'), b64(raw)).map((o) => ['--key-id alias/hygiene', o, '--query KeyId']),
  ).map((line) => ({ family: 'kms encrypt --plaintext', lines: [line], planted: [b64(raw)] })),
)
/** `configure set` of a credential: profile before, between or after, dotted names, globals anywhere. */
const configure = fc
  .tuple(
    fc.oneof(keyText, password),
    fc.constantFrom('aws_secret_access_key', 'aws_session_token', 'aws_access_key_id'),
    profile,
    fc.constantFrom('before', 'middle', 'after', 'dotted', 'none'),
    globals,
    quote,
  )
  .map(([secret, name, p, where, g, q]) => {
    const value = quoteIt(q, secret)
    const line =
      where === 'before'
        ? ['aws', ...g, '--profile', p, 'configure', 'set', name, value]
        : where === 'middle'
          ? ['aws', 'configure', '--profile', p, 'set', name, value, ...g]
          : where === 'after'
            ? ['aws', 'configure', 'set', name, value, '--profile', p, ...g]
            : where === 'dotted'
              ? ['aws', ...g, 'configure', 'set', `profile.${p}.${name}`, value]
              : ['aws', ...g, 'configure', 'set', name, value]
    return { family: `configure set ${name}`, lines: [line.join(' ')], planted: [secret] }
  })
const variable = fc
  .tuple(keyText, fc.constantFrom('MYK', 'K', 'SSEC', 'key2', 'X_1'), fc.boolean(), quote)
  .map(([secret, name, exported, q]) => ({
    family: exported ? 'export NAME=key' : 'NAME=key',
    lines: [
      `${exported ? 'export ' : ''}${name}=${quoteIt(q, secret)}`,
      `aws s3 cp f.txt s3://hygiene/v.txt --sse-c AES256 --sse-c-key "$${name}"`,
    ],
    planted: [secret],
  }))
const openssl = fc
  .tuple(password, bytes(32), fc.constantFrom('pass', 'k', 'K', 'pas', 'passin'))
  .map(([pw, key, form]) => ({
    family: `openssl -${form}`,
    lines: [
      form === 'K'
        ? `openssl enc -aes-256-cbc -K ${hex(key)} -iv 000102030405060708090a0b0c0d0e0f -in f.txt -out f.enc`
        : form === 'k'
          ? `openssl enc -aes-256-cbc -pbkdf2 -k ${pw} -in f.txt -out f.enc`
          : `openssl enc -aes-256-cbc -pbkdf2 -${form} pass:${pw} -in f.txt -out f.enc`,
    ],
    planted: [form === 'K' ? hex(key) : pw],
  }))
const s3ec = keyText.map((secret) => ({
  family: 's3ec --keyring aes:KEY',
  lines: [`s3ec put-object --bucket hygiene --key s.txt --body f.txt --keyring aes:${secret}`],
  planted: [secret],
}))
const unknownOption = fc
  .tuple(keyText, fc.constantFrom('--my-secret', '--customer-key', '--sse-key', '--key-material'))
  .map(([secret, o]) => ({
    family: 'unknown option',
    lines: [`aws s3api put-object --bucket hygiene --key u.txt --body f.txt ${o} ${secret}`],
    planted: [secret],
  }))
const substitution = keyText.map((secret) => ({
  family: '$(echo KEY)',
  lines: [
    `aws s3api put-object --bucket hygiene --key w.txt --body f.txt --sse-customer-algorithm AES256 --sse-customer-key $(echo ${secret})`,
  ],
  planted: [secret],
}))
const keyFile = fc.tuple(keyText, fc.constantFrom('k.key', 'keys/k.bin', 'sse.key')).map(([secret, path]) => ({
  family: 'key file',
  lines: [
    ...(path.includes('/') ? ['mkdir -p keys'] : []),
    `echo -n ${secret} > ${path}`,
    `aws s3 cp f.txt s3://hygiene/kf.txt --sse-c AES256 --sse-c-key fileb://${path}`,
  ],
  planted: [secret],
}))
/** Values only the run knows: the data key the learner captured. `planted` is read from the session after it runs. */
const dataKey = fc.constantFrom<Spelling>(
  {
    family: 'DK=$(generate-data-key)',
    lines: [
      'DK=$(aws kms generate-data-key --key-id alias/hygiene --key-spec AES_256 --query Plaintext --output text)',
    ],
    planted: [],
  },
  {
    family: 'export DK=$(...)',
    lines: [
      'export DK2=$(aws kms generate-data-key --key-id alias/hygiene --number-of-bytes 32 --query Plaintext --output text)',
    ],
    planted: [],
  },
  {
    family: 'data key > file',
    lines: [
      'aws kms generate-data-key --key-id alias/hygiene --key-spec AES_256 --query Plaintext --output text > dk.txt',
    ],
    planted: [],
  },
)

export const SPELLING: fc.Arbitrary<Spelling> = fc.oneof(
  sseC,
  sseCCopy,
  putObject,
  copyObject,
  kmsPlaintext,
  configure,
  variable,
  openssl,
  s3ec,
  unknownOption,
  substitution,
  keyFile,
  dataKey,
)

/** A session's worth of spellings: at least `min`, every family at least once. */
export const corpus = (min: number) => fc.array(SPELLING, { minLength: min, maxLength: min + 10 })

/** The forms a planted value could leak in: as typed, hex, base64, base64url, URL-encoded; and its decoded bytes. */
export function needles(secret: string): string[] {
  const text = Buffer.from(secret)
  const out = new Set([
    secret,
    text.toString('hex'),
    text.toString('hex').toUpperCase(),
    text.toString('base64').replace(/=+$/, ''),
    text.toString('base64url'),
    encodeURIComponent(secret),
  ])
  // A base64 key is also searched for as the bytes it stands for.
  if (/^[A-Za-z0-9+/]{22,}={0,2}$/.test(secret) && secret.length % 4 === 0) {
    const raw = Buffer.from(secret, 'base64')
    out.add(raw.toString('hex'))
    out.add(raw.toString('base64url'))
    out.add(raw.toString('latin1'))
  }
  if (/^([0-9a-f]{2}){16,}$/.test(secret)) out.add(Buffer.from(secret, 'hex').toString('latin1'))
  return [...out].filter((n) => n.length >= 8)
}

/** Text forms of stored bytes to search in: as text, hex, base64 (a binary part is searched all three ways). */
export function haystacks(bytes: Uint8Array | string): string[] {
  if (typeof bytes === 'string') return [bytes, decodeURIComponentSafe(bytes)]
  const b = Buffer.from(bytes)
  return [b.toString('latin1'), b.toString('hex'), b.toString('base64'), b.toString('utf8')]
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

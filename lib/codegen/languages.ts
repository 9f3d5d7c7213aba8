/**
 * One SDK call written in boto3, the AWS SDK for JavaScript v3, the AWS SDK for Java 2.x and the AWS SDK for
 * Go v2. Generated from the parsed command and the service model (lib/codegen/call.ts), never per lesson.
 * Encryption members are marked with a trailing comment, so a terminal or a page can highlight them.
 */
import { toBase64 } from '../crypto/bytes'
import { inputTypes, type CallValue, type SdkCall, type Typed } from './call'

export const LANGUAGES = ['python', 'javascript', 'java', 'go'] as const
export type Language = (typeof LANGUAGES)[number]
export const ENCRYPTION_MARK = 'encryption'

const isFile = (v: CallValue): v is { file: string } => typeof v === 'object' && v !== null && 'file' in v
const isBytes = (v: CallValue): v is { bytes: Uint8Array } => typeof v === 'object' && v !== null && 'bytes' in v
const quoted = (text: string, quote: string) =>
  quote +
  [...text]
    .map((c) => {
      if (c === '\\' || c === quote) return `\\${c}`
      if (c === '\n') return '\\n'
      if (c === '\t') return '\\t'
      const code = c.codePointAt(0)!
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c
    })
    .join('') +
  quote
const goQuoted = (text: string) => JSON.stringify(text)
const indent = (depth: number) => '    '.repeat(depth)
const services: Record<string, { python: string; js: string; java: string; go: string; javaClient: string }> = {
  s3: { python: 's3', js: 'S3Client', java: 's3', go: 's3', javaClient: 'S3Client' },
  kms: { python: 'kms', js: 'KMSClient', java: 'kms', go: 'kms', javaClient: 'KmsClient' },
  sts: { python: 'sts', js: 'STSClient', java: 'sts', go: 'sts', javaClient: 'StsClient' },
  cloudtrail: {
    python: 'cloudtrail',
    js: 'CloudTrailClient',
    java: 'cloudtrail',
    go: 'cloudtrail',
    javaClient: 'CloudTrailClient',
  },
}
// PEP 8 puts two spaces before an inline comment; Prettier, Java and gofmt one.
const mark = (call: SdkCall, member: string, comment: '#' | '//') =>
  call.encryption.has(member) ? `${comment === '#' ? '  ' : ' '}${comment} ${ENCRYPTION_MARK}` : ''

// ---- Python (boto3) ----

function py(value: CallValue, t: Typed, depth: number): string {
  if (isFile(value))
    return t.streaming ? `open(${quoted(value.file, "'")}, 'rb')` : `Path(${quoted(value.file, "'")}).read_bytes()`
  if (isBytes(value)) return `base64.b64decode(${quoted(toBase64(value.bytes), "'")})`
  if (typeof value === 'string') return quoted(value, "'")
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return `datetime.fromisoformat(${quoted(value.toISOString().replace('Z', '+00:00'), "'")})`
  if (Array.isArray(value)) return `[${value.map((v) => py(v, t.member(), depth)).join(', ')}]`
  const entries = Object.entries(value)
  if (entries.length === 0) return '{}'
  const inner = entries.map(([k, v]) => `${indent(depth + 1)}${quoted(k, "'")}: ${py(v, t.member(k), depth + 1)},`)
  return `{\n${inner.join('\n')}\n${indent(depth)}}`
}

function python(call: SdkCall): string {
  const t = inputTypes(call)
  const method = call.operation.cli.replace(/-/g, '_')
  const args = call.input.map(([name, v]) => `    ${name}=${py(v, t.member(name), 1)},${mark(call, name, '#')}`)
  // Imports follow from what the arguments use.
  const used = args.join('\n')
  const imports = [
    'import boto3',
    ...(used.includes('Path(') ? ['from pathlib import Path'] : []),
    ...(used.includes('base64.') ? ['import base64'] : []),
    ...(used.includes('datetime.') ? ['from datetime import datetime'] : []),
  ]
  return [
    ...imports.sort(),
    '',
    `client = boto3.client(${quoted(services[call.api.service]!.python, "'")})`,
    args.length ? `response = client.${method}(\n${args.join('\n')}\n)` : `response = client.${method}()`,
    'print(response)',
    '',
  ].join('\n')
}

// ---- JavaScript (AWS SDK v3) ----

function js(value: CallValue, t: Typed, depth: number): string {
  if (isFile(value)) return `readFileSync(${quoted(value.file, "'")})`
  if (isBytes(value)) return `Buffer.from(${quoted(toBase64(value.bytes), "'")}, 'base64')`
  if (typeof value === 'string') return quoted(value, "'")
  if (typeof value !== 'object') return String(value)
  if (value instanceof Date) return `new Date(${quoted(value.toISOString(), "'")})`
  if (Array.isArray(value)) return `[${value.map((v) => js(v, t.member(), depth)).join(', ')}]`
  const entries = Object.entries(value)
  if (entries.length === 0) return '{}'
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quoted(k, "'"))
  const inner = entries.map(([k, v]) => `${'  '.repeat(depth + 1)}${key(k)}: ${js(v, t.member(k), depth + 1)},`)
  return `{\n${inner.join('\n')}\n${'  '.repeat(depth)}}`
}

function javascript(call: SdkCall): string {
  const t = inputTypes(call)
  const s = services[call.api.service]!
  const pkg = `@aws-sdk/client-${call.api.service}`
  const command = `${call.operation.name}Command`
  const args = call.input.map(([name, v]) => `  ${name}: ${js(v, t.member(name), 1)},${mark(call, name, '//')}`)
  return [
    ...(args.join('\n').includes('readFileSync(') ? ["import { readFileSync } from 'node:fs'"] : []),
    `import { ${s.js}, ${command} } from '${pkg}'`,
    '',
    `const client = new ${s.js}({})`,
    args.length
      ? `const response = await client.send(new ${command}({\n${args.join('\n')}\n}))`
      : `const response = await client.send(new ${command}({}))`,
    'console.log(response)',
    '',
  ].join('\n')
}

// ---- Java (AWS SDK 2.x) ----

/** The Java SDK's builder method for a member: the leading run of capitals lowered (SSEKMSKeyId → ssekmsKeyId). */
export const javaName = (member: string) =>
  member.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (head) => head.toLowerCase())

function java(value: CallValue, t: Typed): string {
  if (isFile(value)) return `SdkBytes.fromByteArray(Files.readAllBytes(Paths.get(${goQuoted(value.file)})))`
  if (isBytes(value)) return `SdkBytes.fromByteArray(Base64.getDecoder().decode(${goQuoted(toBase64(value.bytes))}))`
  if (typeof value === 'string') return goQuoted(value)
  if (typeof value === 'number') return t.type === 'long' ? `${value}L` : String(value)
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Date) return `Instant.parse(${goQuoted(value.toISOString())})`
  if (Array.isArray(value)) return `List.of(${value.map((v) => java(v, t.member())).join(', ')})`
  if (t.type === 'map')
    return `Map.of(${Object.entries(value)
      .map(([k, v]) => `${goQuoted(k)}, ${java(v, t.member(k))}`)
      .join(', ')})`
  const entries = Object.entries(value).map(([k, v]) => `.${javaName(k)}(${java(v, t.member(k))})`)
  return `b -> b${entries.join('')}`
}

function javaCode(call: SdkCall): string {
  const t = inputTypes(call)
  const s = services[call.api.service]!
  const method = javaName(call.operation.name)
  const body = call.input.find(([name]) => t.member(name).streaming)
  const setters = call.input
    .filter(([name]) => !t.member(name).streaming)
    .map(([name, v]) => `        .${javaName(name)}(${java(v, t.member(name))})${mark(call, name, '//')}`)
  const request = `${call.operation.name}Request.builder()\n${setters.join('\n')}${setters.length ? '\n' : ''}        .build()`
  const sseC = call.input.some(([name]) => name === 'SSECustomerKey' || name === 'CopySourceSSECustomerKey')
  return [
    `// ${s.javaClient}: software.amazon.awssdk.services.${s.java}.*, model classes in .model`,
    ...(sseC ? ['// SSE-C: Java takes the key base64-encoded and wants its MD5 as well (sseCustomerKeyMD5).'] : []),
    `${s.javaClient} client = ${s.javaClient}.create();`,
    `var response = client.${method}(${request}${body && isFile(body[1]) ? `,\n    RequestBody.fromFile(Paths.get(${goQuoted(body[1].file)}))` : ''});`,
    'System.out.println(response);',
    '',
  ].join('\n')
}

// ---- Go (AWS SDK v2) ----

function go(value: CallValue, t: Typed, depth: number, pointer = true): string {
  const tabs = '\t'.repeat(depth)
  if (isFile(value)) return t.streaming ? `mustOpen(${goQuoted(value.file)})` : `mustRead(${goQuoted(value.file)})`
  if (isBytes(value)) return `mustBase64(${goQuoted(toBase64(value.bytes))})`
  // Enums are typed strings in Go, held by value; a conversion keeps the value as the CLI had it.
  if (typeof value === 'string')
    return t.enum
      ? `types.${t.shape}(${goQuoted(value)})`
      : pointer
        ? `aws.String(${goQuoted(value)})`
        : goQuoted(value)
  if (typeof value === 'number') {
    const helper =
      t.type === 'long' ? 'aws.Int64' : t.type === 'double' || t.type === 'float' ? 'aws.Float64' : 'aws.Int32'
    return pointer ? `${helper}(${value})` : String(value)
  }
  if (typeof value === 'boolean') return pointer ? `aws.Bool(${value})` : String(value)
  if (value instanceof Date) return `aws.Time(mustTime(${goQuoted(value.toISOString())}))`
  if (Array.isArray(value)) {
    const element = t.member()
    const type = element.type === 'structure' || element.enum ? `types.${element.shape}` : 'string'
    return `[]${type}{${value.map((v) => go(v, element, depth, false)).join(', ')}}`
  }
  if (t.type === 'map')
    return `map[string]string{${Object.entries(value)
      .map(([k, v]) => `${goQuoted(k)}: ${go(v, t.member(k), depth, false)}`)
      .join(', ')}}`
  const inner = Object.entries(value).map(([k, v]) => `${tabs}\t${k}: ${go(v, t.member(k), depth + 1)},`)
  return `${pointer ? `&types.${t.shape}` : ''}{\n${inner.join('\n')}\n${tabs}}`
}

function goCode(call: SdkCall): string {
  const t = inputTypes(call)
  const pkg = services[call.api.service]!.go
  const fields = call.input.map(([name, v]) => `\t${name}: ${go(v, t.member(name), 1)},${mark(call, name, '//')}`)
  return [
    `// import "github.com/aws/aws-sdk-go-v2/service/${pkg}" (and its types package), "github.com/aws/aws-sdk-go-v2/aws"`,
    `client := ${pkg}.NewFromConfig(cfg)`,
    `response, err := client.${call.operation.name}(ctx, &${pkg}.${call.operation.name}Input{`,
    ...fields,
    '})',
    'if err != nil {',
    '\tlog.Fatal(err)',
    '}',
    'fmt.Printf("%+v\\n", response)',
    '',
  ].join('\n')
}

export function codeFor(call: SdkCall, language: Language): string {
  switch (language) {
    case 'python':
      return python(call)
    case 'javascript':
      return javascript(call)
    case 'java':
      return javaCode(call)
    case 'go':
      return goCode(call)
  }
}

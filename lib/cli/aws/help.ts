/**
 * `aws help`, `aws <service> help` and `aws <service> <operation> help`, generated from the same API
 * model the commands run from, laid out like aws-cli's man pages (NAME, DESCRIPTION, SYNOPSIS, OPTIONS, OUTPUT).
 */
import { shapeOf, type Operation, type ServiceModel } from './model'
import { CUSTOMIZATIONS } from './params'

const wrap = (text: string, indent: number, width = 78) => {
  const pad = ' '.repeat(indent)
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && pad.length + line.length + word.length + 1 > width) {
      lines.push(pad + line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(pad + line)
  return lines.join('\n')
}

function typeName(model: ServiceModel, shape: string): string {
  const s = shapeOf(model, shape)
  return s.type === 'list'
    ? 'list'
    : s.type === 'structure'
      ? 'structure'
      : s.type === 'map'
        ? 'map'
        : s.type === 'blob'
          ? 'blob'
          : s.type === 'timestamp'
            ? 'timestamp'
            : s.type === 'boolean'
              ? 'boolean'
              : s.type === 'integer' || s.type === 'long'
                ? 'integer'
                : 'string'
}

function outputLines(model: ServiceModel, shape: string, indent: number, depth = 0): string[] {
  const s = shapeOf(model, shape)
  if (s.type !== 'structure' || depth > 3) return []
  return (s.members ?? []).flatMap((m) => {
    const inner = shapeOf(model, m.shape)
    const nested =
      inner.type === 'structure'
        ? m.shape
        : inner.type === 'list' && shapeOf(model, inner.member!).type === 'structure'
          ? inner.member!
          : undefined
    return [
      `${' '.repeat(indent)}${m.name} -> (${typeName(model, m.shape)})`,
      ...(m.doc ? [wrap(m.doc, indent + 3), ''] : ['']),
      ...(nested ? outputLines(model, nested, indent + 3, depth + 1) : []),
    ]
  })
}

export function operationHelp(service: string, model: ServiceModel, op: Operation): string {
  const custom = CUSTOMIZATIONS[op.name] ?? {}
  const input = op.input ? shapeOf(model, op.input) : undefined
  const required = new Set(input?.required ?? [])
  const members = (input?.members ?? []).filter((m) => !custom.hidden?.includes(m.name))
  const title = op.cli.toUpperCase() + '()'
  const out = [
    `${title}${' '.repeat(Math.max(1, 78 - 2 * title.length))}${title}`,
    '',
    'NAME',
    `       ${op.cli} -`,
    '',
    'DESCRIPTION',
    wrap(op.doc ?? '', 7),
    '',
    'SYNOPSIS',
    `            ${op.cli}`,
    ...members.map((m) => {
      const flag =
        shapeOf(model, m.shape).type === 'boolean' ? `${m.cli} | --no-${m.cli!.slice(2)}` : `${m.cli} <value>`
      return required.has(m.name) ? `          ${flag}` : `          [${flag}]`
    }),
    ...(custom.positional ? [`          <${custom.positional}>`] : []),
    '',
    'OPTIONS',
    ...members.flatMap((m) => [
      `       ${m.cli} (${typeName(model, m.shape)})`,
      ...(m.doc ? [wrap(m.doc, 10)] : []),
      ...(shapeOf(model, m.shape).enum
        ? ['', '          Possible values:', '', ...shapeOf(model, m.shape).enum!.map((v) => `          o ${v}`)]
        : []),
      '',
    ]),
    ...(op.output ? ['OUTPUT', ...outputLines(model, op.output, 7)] : []),
    `Descriptions come from the AWS API model (${model.source ?? 'botocore'}). Service: ${service}.`,
    '',
  ]
  return out.join('\n')
}

export function serviceHelp(service: string, commands: string[]): string {
  return [`${service.toUpperCase()}()`, '', 'AVAILABLE COMMANDS', ...commands.map((c) => `       o ${c}`), '', ''].join(
    '\n',
  )
}

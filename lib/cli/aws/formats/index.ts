/** --output and --query, applied to a command's result as aws-cli applies them. */
import jmespath from 'jmespath'
import { pyJsonDumps } from '../output'
import { UsageError } from '../usage'
import { toText } from './text'
import { toYaml } from './yaml'
import { toTable } from './table'

export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream']

export function applyQuery(value: unknown, query: string | undefined): unknown {
  if (query === undefined) return value
  try {
    return jmespath.search(value as never, query)
  } catch (e) {
    throw new UsageError(
      `\nBad value for --query ${query}: Invalid jmespath expression: ${e instanceof Error ? e.message : String(e)}\n`,
    )
  }
}

/** `title` is the operation name (table output's heading); `columns` the terminal width. */
export function render(value: unknown, format = 'json', title = '', columns = 80): string {
  switch (format) {
    case 'table':
      return toTable(title, value, columns)
    case 'text':
      return toText(value)
    case 'yaml':
    case 'yaml-stream':
      return toYaml(format === 'yaml-stream' ? [value] : value)
    default:
      return pyJsonDumps(value) + '\n'
  }
}

/**
 * Parses an `aws` command line against the CLI's own models and argument parsers, without sending it:
 * unknown commands, unknown options, missing required arguments and malformed JSON values are reported
 * with aws-cli's message. Shell variables are given placeholder values; file:// arguments are placeholders too.
 */
import { operationByCliName } from '@/lib/cli/aws/model'
import { parseOperationArgs } from '@/lib/cli/aws/params'
import { S3_COMMAND_SPECS } from '@/lib/cli/aws/s3/commands'
import { parseS3Args } from '@/lib/cli/aws/s3/spec'
import { API_SERVICES } from '@/lib/cli/aws/services'
import { UsageError } from '@/lib/cli/aws/usage'
import { validateParams } from '@/lib/cli/aws/validate'
import type { AwsEnv } from '@/lib/cli/aws/io'
import { tokenize } from '@/lib/cli/shell/tokenize'
import { withoutGlobalOptions } from '@/lib/cli/aws/global-options'
import { Vfs } from '@/lib/cli/shell/vfs'

/** The `aws ...` commands of a shell line: the line itself, and any inside `$(...)`. */
export function awsCommandsOf(line: string): string[] {
  const inner = [...line.matchAll(/\$\((aws [^)]*)\)/g)].map((m) => m[1]!)
  const outer = line
    .replace(/^\w+=/, '')
    .split(/&&|\|/)
    .map((s) => s.trim())
  return [...inner, ...outer.filter((s) => s.startsWith('aws '))]
}

/** Undefined when the command parses; otherwise aws-cli's complaint. */
export function awsParseProblem(command: string): string | undefined {
  const env = new Proxy(
    {},
    {
      get: (_t, name) =>
        typeof name === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(name) ? 'placeholder-value' : undefined,
    },
  )
  const tokens = tokenize(command, env)
  if (tokens.incomplete) return 'incomplete quoting'
  const words = tokens.tokens.filter((t) => t.kind === 'word').map((t) => t.value)
  const args = withoutGlobalOptions(words.slice(1))
  const [service, operation, ...params] = args
  // Files the lesson made earlier are not here: every path reads as a placeholder JSON file.
  const placeholder = new TextEncoder().encode('{}')
  const vfs = Object.assign(new Vfs(), { isFile: () => true, exists: () => true, read: () => placeholder })
  try {
    if (service === 's3') {
      const spec = S3_COMMAND_SPECS.find((c) => c.name === operation)
      if (!spec) return `unknown s3 command ${operation}`
      parseS3Args(spec, params, { vfs } as unknown as AwsEnv)
      return undefined
    }
    const api = API_SERVICES.find((s) => s.command === service)
    if (!api) return `unknown service ${service}`
    const op = operationByCliName(api.model, operation ?? '')
    if (!op) return `unknown operation ${service} ${operation}`
    const { input } = parseOperationArgs(api.model, op, params, vfs)
    const problems = op.input ? validateParams(api.model, op.input, input) : []
    return problems.length ? problems.join('; ') : undefined
  } catch (e) {
    return e instanceof UsageError ? e.text.trim() : e instanceof Error ? e.message : String(e)
  }
}

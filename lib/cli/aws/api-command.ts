/** `aws <service> <operation>`: any modelled operation, sent through the real SDK command of the same name. */
import type { AwsEnv, GlobalOptions, Io } from './io'
import type { Operation } from './model'
import { parseOperationArgs } from './params'
import { toCliValue } from './output'
import { applyQuery, render } from './formats'
import { EXIT } from './usage'
import { send } from './send'
import { adjustOutput, keepGivenKeyMd5, prepareInput } from './customizations'
import { clientFor, type ApiService } from './services'

type CommandClass = new (input: Record<string, unknown>) => {
  middlewareStack: Parameters<typeof keepGivenKeyMd5>[0]['middlewareStack']
}

const command = (Command: CommandClass, input: Record<string, unknown>) => {
  const c = new Command(input)
  keepGivenKeyMd5(c, input)
  return c
}

function commandClass(api: ApiService, operation: string): CommandClass {
  const cls = api.sdk[`${operation}Command`] as CommandClass | undefined
  if (!cls) throw new Error(`the SDK has no ${operation}Command`)
  return cls
}

interface Sent {
  output: Record<string, unknown>
  /** Each page as received, for text output (aws-cli formats text page by page). */
  pages: Record<string, unknown>[]
  paginated: boolean
}

async function sendPaginated(
  api: ApiService,
  env: AwsEnv,
  globals: GlobalOptions,
  op: Operation,
  input: Record<string, unknown>,
): Promise<Sent> {
  const client = clientFor(env.clients(globals), api.service)
  const Command = commandClass(api, op.name)
  const p = op.paginator
  // A paginator may carry several tokens (ListObjectVersions: KeyMarker and VersionIdMarker), as lists.
  const inTokens = p ? [p.input_token].flat() : []
  const outTokens = p ? [p.output_token].flat() : []
  // As aws-cli: a pagination parameter given by hand (a token, or the limit key such as --max-keys) turns
  // automatic pagination off (awscli/customizations/paginate.py, check_should_enable_pagination).
  const manual = [...inTokens, ...(p?.limit_key ? [p.limit_key] : [])]
  const userToken = manual.some((t) => input[t] !== undefined)
  if (!p || globals.noPaginate || userToken || inTokens.length !== outTokens.length) {
    const output = (await send(client, op.name, command(Command, input))) as unknown as Record<string, unknown>
    return { output, pages: [output], paginated: false }
  }
  // botocore's build_full_result: result keys concatenated over pages, then the non-aggregate keys of
  // the first page (None when absent). The next page is asked for while any output token is set.
  const resultKeys = Array.isArray(p.result_key) ? p.result_key : [p.result_key]
  const full: Record<string, unknown> = {}
  const pages: Record<string, unknown>[] = []
  let tokens: unknown[] = []
  let more = false
  do {
    const next = Object.fromEntries(inTokens.map((t, i) => [t, tokens[i]]).filter(([, v]) => v))
    const page = (await send(client, op.name, command(Command, { ...input, ...next }))) as unknown as Record<
      string,
      unknown
    >
    pages.push(page)
    for (const key of resultKeys) {
      const value = page[key]
      if (value === undefined) continue
      full[key] = [...((full[key] as unknown[] | undefined) ?? []), ...(value as unknown[])]
    }
    tokens = outTokens.map((t) => page[t])
    more = tokens.some(Boolean) && (p.more_results === undefined || page[p.more_results] === true)
  } while (more)
  for (const key of p.non_aggregate_keys ?? []) full[key] = pages[0]?.[key] ?? null
  return { output: full, pages, paginated: true }
}

/** Converts each key of an aggregated result by its member shape, keeping the aggregation's key order. */
function shapeByMember(api: ApiService, outputShape: string, full: Record<string, unknown>): Record<string, unknown> {
  const members = api.model.shapes[outputShape]?.members ?? []
  return Object.fromEntries(
    Object.entries(full).map(([k, v]) => {
      const m = members.find((mm) => mm.name === k)
      return [k, m && v !== null && v !== undefined ? toCliValue(api.model, m.shape, v, false) : (v ?? null)]
    }),
  )
}

export async function runApiCommand(
  api: ApiService,
  op: Operation,
  args: string[],
  env: AwsEnv,
  globals: GlobalOptions,
  io: Io,
): Promise<number> {
  const { input, positional } = parseOperationArgs(api.model, op, args, env.vfs, globals.binaryFormat)
  const { decodeKeys } = prepareInput(op.name, input)
  const { output, pages, paginated } = await sendPaginated(api, env, globals, op, input)
  for (const page of pages) adjustOutput(op.name, page, decodeKeys)
  // An aggregated result shares its list items with the pages, which are already decoded.
  if (paginated) adjustOutput(op.name, output, decodeKeys, false)
  if (op.name === 'GetObject' && positional !== undefined) {
    const body = output.Body as { transformToByteArray(): Promise<Uint8Array> } | undefined
    env.vfs.write(positional, body ? await body.transformToByteArray() : new Uint8Array())
  }
  if (!op.output) return EXIT.ok
  const shaped = paginated
    ? shapeByMember(api, op.output, output)
    : (toCliValue(api.model, op.output, output) as Record<string, unknown>)
  if (Object.keys(shaped).length === 0 && globals.query === undefined) return EXIT.ok
  if (globals.output === 'text' && paginated && globals.query === undefined) {
    // Text is written page by page: each page's result keys (None when absent) with the non-aggregate keys.
    const p = op.paginator!
    const resultKeys = Array.isArray(p.result_key) ? p.result_key : [p.result_key]
    for (const page of pages) {
      const view: Record<string, unknown> = {}
      for (const k of p.non_aggregate_keys ?? []) view[k] = page[k] ?? null
      for (const k of resultKeys) view[k] = page[k] ?? null
      io.out(render(shapeByMember(api, op.output, view), 'text'))
    }
    return EXIT.ok
  }
  io.out(render(applyQuery(shaped, globals.query), globals.output, op.name, env.columns))
  return EXIT.ok
}

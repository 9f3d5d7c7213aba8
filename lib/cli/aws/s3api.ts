/** `aws s3api <operation>`: any modelled operation, sent through the real SDK command of the same name. */
import * as S3 from '@aws-sdk/client-s3'
import type { Io, AwsEnv, GlobalOptions } from './io'
import { MODELS, type Operation } from './model'
import { parseOperationArgs } from './params'
import { pyJsonDumps, toCliValue } from './output'
import { EXIT } from './usage'
import { send } from './send'

type AnyCommand = new (input: Record<string, unknown>) => S3.S3Client extends { send(c: infer C): unknown } ? C : never

function commandClass(operation: string): AnyCommand {
  const cls = (S3 as unknown as Record<string, AnyCommand | undefined>)[`${operation}Command`]
  if (!cls) throw new Error(`@aws-sdk/client-s3 has no ${operation}Command`)
  return cls
}

interface Sent {
  output: Record<string, unknown>
  /** Built from pages: keys keep botocore's build_full_result order instead of the model's. */
  paginated: boolean
}

async function sendPaginated(env: AwsEnv, g: GlobalOptions, op: Operation, input: Record<string, unknown>): Promise<Sent> {
  const client = env.clients(g).s3
  const Command = commandClass(op.name)
  const p = op.paginator
  const userToken = p && typeof p.input_token === 'string' && input[p.input_token] !== undefined
  if (!p || g.noPaginate || userToken || typeof p.input_token !== 'string' || typeof p.output_token !== 'string') {
    return { output: (await send(client, op.name, new Command(input))) as unknown as Record<string, unknown>, paginated: false }
  }
  // botocore's build_full_result: result keys concatenated over pages, then the non-aggregate keys of
  // the first page (None when absent).
  const resultKeys = Array.isArray(p.result_key) ? p.result_key : [p.result_key]
  const full: Record<string, unknown> = {}
  let first: Record<string, unknown> | undefined
  let token: unknown
  let more = false
  do {
    const page = (await send(client, op.name, new Command({ ...input, ...(token ? { [p.input_token]: token } : {}) }))) as unknown as Record<string, unknown>
    first ??= page
    for (const key of resultKeys) {
      const value = page[key]
      if (value === undefined) continue
      full[key] = [...((full[key] as unknown[] | undefined) ?? []), ...(value as unknown[])]
    }
    token = page[p.output_token]
    more = Boolean(token) && (p.more_results === undefined || page[p.more_results] === true)
  } while (more)
  for (const key of p.non_aggregate_keys ?? []) full[key] = first?.[key] ?? null
  return { output: full, paginated: true }
}

/** Converts each key of an aggregated result by its member shape, keeping the aggregation's key order. */
function shapePage(outputShape: string, full: Record<string, unknown>): Record<string, unknown> {
  const model = MODELS.s3!
  const members = model.shapes[outputShape]?.members ?? []
  return Object.fromEntries(
    Object.entries(full).map(([k, v]) => {
      const m = members.find((mm) => mm.name === k)
      return [k, m && v !== null ? toCliValue(model, m.shape, v) : v]
    }),
  )
}

export async function runS3api(op: Operation, args: string[], env: AwsEnv, g: GlobalOptions, io: Io): Promise<number> {
  const model = MODELS.s3!
  const { input, positional } = parseOperationArgs(model, op, args, env.vfs)
  const { output, paginated } = await sendPaginated(env, g, op, input)
  if (op.name === 'GetObject' && positional !== undefined) {
    const body = output.Body as { transformToByteArray(): Promise<Uint8Array> } | undefined
    env.vfs.write(positional, body ? await body.transformToByteArray() : new Uint8Array())
  }
  if (op.output) {
    const shaped = paginated ? shapePage(op.output, output) : (toCliValue(model, op.output, output) as Record<string, unknown>)
    if (Object.keys(shaped).length > 0 || paginated) io.out(pyJsonDumps(shaped) + '\n')
  }
  return EXIT.ok
}

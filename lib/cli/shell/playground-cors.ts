/**
 * `playground cors [--bucket B] [--origin O] [--explicit-headers]`: the CORS doctor in the terminal. Prints
 * the configuration this page needs and the aws-cli command that applies it; on a real target, reads the
 * bucket's configuration and names every missing method, header and exposed header with the exact fix.
 * `playground cors check` sends the preflights of every planned call for real and reports what fails.
 */
import { GetBucketCorsCommand } from '@aws-sdk/client-s3'
import type { Io } from '../aws/io'
import {
  diagnose,
  fromJson,
  PLANNED_CALLS,
  putBucketCorsCommand,
  recommendedConfiguration,
  type Diagnosis,
} from '../../cors/doctor'
import { probeCalls, type ProbeResult } from '../../cors/probe'
import { bucketUrl } from '../../sdk/target-config'
import { isFetchFailure } from '../../sdk/recorder'
import type { CorsRule } from '../../s3/model'
import type { Shell } from './run-line'

const optionValue = (args: string[], name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

export function printDiagnosis(d: Diagnosis, io: Io): void {
  if (d.findings.length === 0) {
    io.out('CORS: the configuration allows every planned call and exposes every header the playground reads.\n')
    return
  }
  for (const f of d.findings)
    io.out(`${f.severity === 'error' ? 'MISSING' : 'warning'}: ${f.problem}\n  fix: ${f.fix}\n`)
  io.out(
    `\nApply every fix at once (put-bucket-cors replaces the whole configuration), from a shell with your credentials:\n${d.command}\n`,
  )
}

export function printProbes(results: readonly ProbeResult[], io: Io): number {
  let failed = 0
  for (const r of results) {
    if (r.ok) io.out(`ok       ${r.call.method.padEnd(6)} ${r.call.label}\n`)
    else {
      failed++
      const why = r.methodRefused
        ? `method ${r.call.method} (or this origin) refused`
        : `request header(s) refused: ${r.refusedHeaders?.join(', ') || '(only together)'}`
      io.out(`REFUSED  ${r.call.method.padEnd(6)} ${r.call.label}: ${why}\n`)
    }
  }
  return failed
}

export async function corsCommand(args: string[], io: Io, shell: Shell): Promise<number> {
  const config = shell.aws.targets?.get()
  const bucket = optionValue(args, '--bucket') ?? config?.sandboxBucket
  const origin = optionValue(args, '--origin') ?? shell.aws.pageOrigin
  if (!origin) {
    io.err('playground cors: --origin is needed outside a browser (the page origin the bucket must allow)\n')
    return 2
  }
  const explicitHeaders = args.includes('--explicit-headers')
  const real = config && config.kind !== 'emulator'
  if (args[0] === 'check') {
    if (!real || !bucket) {
      io.err('playground cors check: needs a real target and a sandbox bucket (playground target bucket NAME)\n')
      return 2
    }
    io.out(`Sending the preflight of each planned call to ${bucketUrl(config, bucket)} from ${origin}:\n`)
    const failed = printProbes(await probeCalls(bucketUrl(config, bucket), PLANNED_CALLS, (u, i) => fetch(u, i)), io)
    if (failed) io.out('\nRun `playground cors` for the configuration that fixes it.\n')
    return failed ? 1 : 0
  }
  const name = bucket ?? 'YOUR-SANDBOX-BUCKET'
  if (!real || !bucket) {
    const recommended = recommendedConfiguration(origin, { explicitHeaders })
    io.out(
      `The CORS configuration a bucket needs for this page (${origin}):\n${JSON.stringify(recommended, null, 2)}\n\nApply it from a shell with your credentials (CloudShell, or your terminal):\n${putBucketCorsCommand(name, recommended)}\n`,
    )
    return 0
  }
  let rules: CorsRule[] | undefined
  try {
    const out = await shell.aws.clients({}).s3.send(new GetBucketCorsCommand({ Bucket: bucket }))
    rules = fromJson({ CORSRules: (out.CORSRules ?? []) as never })
  } catch (e) {
    const err = e as { name?: string }
    if (isFetchFailure(e))
      io.out(
        `The browser could not read s3://${bucket}?cors (CORS refused GetBucketCors itself), so this diagnosis assumes no usable configuration.\n`,
      )
    else if (err.name !== 'NoSuchCORSConfiguration')
      io.out(`GetBucketCors failed (${err.name}); diagnosing as if there were no configuration.\n`)
  }
  const d = diagnose(bucket, rules, origin)
  if (explicitHeaders && !rules)
    d.command = putBucketCorsCommand(bucket, recommendedConfiguration(origin, { explicitHeaders }))
  printDiagnosis(d, io)
  return d.findings.some((f) => f.severity === 'error') ? 1 : 0
}

/**
 * An `aws <service> <operation> ...` command line as an SDK call: the same parser the CLI runs
 * (parseOperationArgs), so the code shown for a command is what the CLI itself would send. Files the command
 * reads as bytes (`--body f`, `fileb://f`) are remembered by path, so code can read the same file.
 */
import { withoutGlobalOptions } from '../cli/aws/global-options'
import { parseOperationArgs } from '../cli/aws/params'
import { operationByCliName, shapeOf, type Operation, type ServiceModel } from '../cli/aws/model'
import { API_SERVICES, type ApiService } from '../cli/aws/services'
import type { FileSystem } from '../cli/shell/vfs'

/** A value of the call's input: as the SDK takes it, or a local file read as bytes. */
export type CallValue =
  | string
  | number
  | boolean
  | Date
  | { file: string }
  | { bytes: Uint8Array }
  | CallValue[]
  | { [member: string]: CallValue }

export interface SdkCall {
  api: ApiService
  operation: Operation
  /** Input members in the model's order, each with its value. */
  input: [member: string, value: CallValue][]
  /** Members a learner should notice: the encryption ones (SSE, KMS key, context, SSE-C, Bucket Key). */
  encryption: Set<string>
}

export class CodegenError extends Error {}

const ENCRYPTION =
  /^(ServerSideEncryption|SSE|SSEKMS|SSECustomer|CopySourceSSECustomer|BucketKeyEnabled|KeyId$|EncryptionContext)/

/** Parses `aws ...` arguments (without `aws`) into an SDK call, or says why it cannot. */
export function sdkCallOf(args: string[], vfs: FileSystem): SdkCall {
  const [command, cli, ...opArgs] = withoutGlobalOptions(args)
  const api = API_SERVICES.find((s) => s.command === command)
  if (!api)
    throw new CodegenError(
      `code is shown for API commands (aws s3api|kms|sts|cloudtrail <operation> ...); '${command ?? ''}' is not one`,
    )
  const operation = cli ? operationByCliName(api.model, cli) : undefined
  if (!operation) throw new CodegenError(`aws ${command} has no operation '${cli ?? ''}'`)
  const files = new Map<Uint8Array, string>()
  const recording: FileSystem = Object.create(vfs)
  recording.read = (path: string) => {
    const bytes = vfs.read(path)
    files.set(bytes, path)
    return bytes
  }
  const { input } = parseOperationArgs(api.model, operation, opArgs, recording)
  const shape = operation.input ? shapeOf(api.model, operation.input) : { members: [] }
  const ordered: [string, CallValue][] = []
  for (const m of shape.members ?? []) {
    if (input[m.name] === undefined) continue
    ordered.push([m.name, callValue(input[m.name], files)])
  }
  const encryption = new Set(ordered.map(([name]) => name).filter((name) => ENCRYPTION.test(name)))
  return { api, operation, input: ordered, encryption }
}

function callValue(value: unknown, files: Map<Uint8Array, string>): CallValue {
  if (value instanceof Uint8Array) {
    const path = files.get(value)
    return path !== undefined ? { file: path } : { bytes: value }
  }
  if (value instanceof Date || typeof value !== 'object' || value === null) return value as CallValue
  if (Array.isArray(value)) return value.map((v) => callValue(v, files))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, callValue(v, files)]))
}

/** How a value is typed in the model: renderers need it (Go's pointer helpers, boto3's file objects). */
export interface Typed {
  /** The model's shape name (Go's type names). */
  shape: string
  enum: boolean
  type: string
  streaming: boolean
  /** For structures: each member's type; for lists and maps: the element's. */
  member(name?: string): Typed
}

export function typed(model: ServiceModel, shapeName: string, streaming = false): Typed {
  const shape = shapeOf(model, shapeName)
  return {
    shape: shapeName,
    enum: shape.enum !== undefined,
    type: shape.type,
    streaming: streaming || shape.streaming === true,
    member(name?: string) {
      if (shape.type === 'list') return typed(model, shape.member!)
      if (shape.type === 'map') return typed(model, shape.value!)
      const ref = shape.members?.find((m) => m.name === name)
      if (!ref) throw new Error(`${shapeName} has no member ${String(name)}`)
      return typed(model, ref.shape, ref.streaming)
    },
  }
}

/** The input structure's types. */
export const inputTypes = (call: SdkCall): Typed => typed(call.api.model, call.operation.input!)

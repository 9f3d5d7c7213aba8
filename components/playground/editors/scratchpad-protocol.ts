/** Messages between the scratchpad panel and its worker, over the MessagePort the sandbox hands the worker. */
import type { ConsoleLevel } from '@/lib/scratchpad/format'
import type { WireRequest, WireResponse } from '@/lib/scratchpad/forward'
import type { SdkClientConfig } from '@/lib/sdk/target-config'

export type ToWorker =
  { type: 'run'; js: string; s3: SdkClientConfig; kms: SdkClientConfig } | { type: 'response'; response: WireResponse }

export type FromWorker =
  | { type: 'console'; level: ConsoleLevel; text: string }
  | { type: 'fetch'; request: WireRequest }
  | { type: 'done' }
  | { type: 'failed'; text: string }

/** Messages between the scratchpad panel and its worker. */
import type { ConsoleLevel } from '@/lib/scratchpad/format'
import type { WireRequest, WireResponse } from '@/lib/scratchpad/forward'
import type { SdkClientConfig } from '@/lib/sdk/target-config'

export type ToWorker =
  | { type: 'run'; js: string; s3: SdkClientConfig; kms: SdkClientConfig }
  | { type: 'response'; response: WireResponse }
  /** Measures whether this worker's own fetch reaches the MSW service worker (docs/playground.md). */
  | { type: 'probe'; url: string }

export type FromWorker =
  | { type: 'console'; level: ConsoleLevel; text: string }
  | { type: 'fetch'; request: WireRequest }
  | { type: 'done' }
  | { type: 'failed'; text: string }
  | { type: 'probe'; answered: boolean; detail: string }

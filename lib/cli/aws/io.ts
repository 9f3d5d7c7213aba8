/** The streams a command writes to, and what every command gets to work with. */
import type { Clients } from '../../sdk/clients'
import type { TargetConfig, TargetStore } from '../../sdk/target-config'
import type { CreatedResources } from '../../sdk/tracker'
import type { FileSystem } from '../shell/vfs'
import type { ServiceModel } from './model'

export interface Io {
  out(text: string | Uint8Array): void
  err(text: string): void
  stdin?: Uint8Array
  /** Aborted by Ctrl-C: long work stops at its next step and cleans up (lib/cli/interrupt.ts). */
  signal?: AbortSignal
}

export interface GlobalOptions {
  region?: string
  endpointUrl?: string
  profile?: string
  output?: string
  query?: string
  binaryFormat?: 'base64' | 'raw-in-base64-out'
  debug: boolean
  noPaginate: boolean
}

export interface AwsEnv {
  vfs: FileSystem
  /** SDK clients for the active target, or for an --endpoint-url / --region override. */
  clients(overrides: { endpointUrl?: string; region?: string; profile?: string }): Clients
  /** The local time zone for `aws s3 ls` dates (aws-cli prints local time); defaults to the runtime's. */
  timeZone?: string
  /** Terminal width for table output (aws-cli uses 80 when it cannot tell). */
  columns?: number
  /** API models to use instead of the bundled ones, by CLI command (`s3api`, `kms`...): the conformance tests replay aws-cli 2.9 with its own models. */
  models?: Partial<Record<string, ServiceModel>>
  /** aws-cli's top-level command names (all services), for "Invalid choice" lists; bundled by default. */
  commands?: string[]
  /** The page's Content-Security-Policy, so a connection it refused is named as such, not as CORS. */
  connectPolicy?: string
  /** The origin of the page the commands run in (`https://host`), passed in by the page; undefined elsewhere. */
  pageOrigin?: string
  /** What `aws configure set` stores: the default region and output format, and when uploads carry a checksum. */
  config: { region?: string; output?: string; request_checksum_calculation?: string }
  /** Named profiles (`aws configure set ... --profile NAME`), in memory only. `emulator` is built in. */
  profiles?: Map<string, TargetConfig>
  /** The page's current target, which `aws configure set endpoint_url|aws_access_key_id|...` changes. */
  targets?: TargetStore
  /** The target's description when these options send to a real target (not the emulator), else undefined. */
  realTarget?(overrides: { endpointUrl?: string; region?: string; profile?: string }): string | undefined
  /** The shell's variables (PLAYGROUND_CONFIRM=yes answers confirmations where nobody can). */
  shellEnv?: Record<string, string>
  /** Where exchanges with a real target are recorded for the inspector. */
  onExchange?: (exchange: import('../../sdk/recorder').RecordedExchange) => void
  /** What the playground created on real targets (cleanup). */
  created?: CreatedResources
  /** Asks a yes/no question in the terminal; absent where nobody can answer (then destructive commands on a real target are refused). */
  confirm?: (question: string) => Promise<boolean>
}

/**
 * The lesson contract, as data. A lesson is prose (MDX) plus a `LessonSpec`: what you will learn, steps
 * with goals checked against the emulator, hints, a solution per step, a quiz, notes for real AWS and
 * workshop presets. Everything here is plain JSON-able data, so the page, the tests and the facilitator
 * tools read the same thing (Learn Git Branching keeps its levels the same way).
 */
import type { BlockedType, SseAlgorithm } from '../s3/model'
import type { KeyState } from '../kms/model'

/**
 * A KMS key as a lesson names it: `alias/...`, a key id or ARN, `$VAR` (the key id or ARN the learner's
 * shell variable holds, e.g. `$KEY_ID`), or `aws/s3` for the AWS managed key.
 */
export type KeyRef = string

/** A condition on the emulator's state, the learner's files or shell. Each kind is checked by lib/lessons/goals.ts. */
export type Goal =
  | { kind: 'bucket'; bucket: string; label?: string }
  | {
      kind: 'object'
      bucket: string
      key: string
      /** How S3 reports the object's encryption; SSE-C for customer keys. */
      sse?: SseAlgorithm | 'SSE-C'
      kmsKey?: KeyRef
      bucketKey?: boolean
      /** User metadata names the object must carry (x-amz-meta-*, without the prefix). */
      metadata?: string[]
      label?: string
    }
  | {
      kind: 'bucket-encryption'
      bucket: string
      sse: SseAlgorithm
      kmsKey?: KeyRef
      bucketKey?: boolean
      blocked?: BlockedType[]
      label?: string
    }
  | {
      kind: 'bucket-policy'
      bucket: string
      /** A statement with this effect... */
      effect?: 'Allow' | 'Deny'
      /** ...and a condition on this key (case-insensitive), e.g. s3:x-amz-server-side-encryption. */
      conditionKey?: string
      label?: string
    }
  | { kind: 'bucket-versioning'; bucket: string; status: 'Enabled' | 'Suspended'; label?: string }
  | {
      kind: 'versions'
      bucket: string
      key: string
      /** At least this many versions that hold data (delete markers do not count). */
      atLeast?: number
      /** Some noncurrent version is still encrypted this way: an old version keeps the key it was written with. */
      noncurrent?: { sse?: SseAlgorithm; kmsKey?: KeyRef }
      label?: string
    }
  | { kind: 'kms-key'; key: KeyRef; state?: KeyState; rotation?: boolean; label?: string }
  | { kind: 'kms-alias'; alias: string; key?: KeyRef; label?: string }
  | {
      kind: 'cloudtrail'
      eventName: string
      /** At least this many matching events (default 1). */
      atLeast?: number
      /** Only events made by this service on the learner's behalf (e.g. s3.amazonaws.com). */
      invokedBy?: string
      /** Only failed calls with this error code (e.g. DisabledException, AccessDenied). */
      errorCode?: string
      label?: string
    }
  | {
      kind: 'file'
      path: string
      /** Same bytes as this other file. */
      sameAs?: string
      /** The file begins with this text (e.g. `Salted__`). */
      startsWith?: string
      label?: string
    }
  | { kind: 'shell-var'; name: string; label?: string }
  /**
   * A command the learner ran that leaves nothing else to check (head-object, lookup-events), matched by meaning:
   * the history's `aws` commands are parsed by the CLI's own parser and compared with `command`, the SDK `input`
   * it must carry (a subset; JSON documents compared as data) and `files` (a parameter given as the bytes of a
   * file, e.g. an SSE-C key). Option order, `--flag=value`, `./` paths and quoting do not matter (ran-command.ts).
   */
  | { kind: 'ran'; command: string; input?: Record<string, unknown>; files?: Record<string, string>; label: string }

export interface LessonStep {
  /** Matches `<Step id="...">` in the MDX. */
  id: string
  title: string
  /** All must hold for the step to tick. Empty: the learner marks the step done. */
  goals: Goal[]
  /** Shown one at a time, mildest first. Inline `code` in backticks. */
  hints: string[]
  /** Commands that meet the step's goals from the state the previous steps leave (the content test runs them). */
  solution: string[]
}

export interface QuizQuestion {
  id: string
  question: string
  choices: string[]
  /** Index into `choices`. */
  answer: number
  /** Why the answer is right (shown after answering, right or wrong). */
  explanation: string
}

/**
 * A workshop scenario: commands run on a fresh emulator before the lesson opens, so a facilitator's link
 * (`/learn/<slug>/?preset=<id>`) starts everyone at the same point. Steps before `startStep` are then done.
 */
export interface Preset {
  id: string
  title: string
  description: string
  commands: string[]
  /** The first step the learner still has to do. */
  startStep: string
}

/** Which "how it works" demo the lesson shows (lib/lessons/demos). */
export type DemoMode = 'sse-s3' | 'sse-kms' | 'dsse-kms' | 'sse-c' | 'client-side' | 'overview'

export interface LessonSpec {
  slug: string
  title: string
  summary: string
  /** "You will learn": 2 to 5 outcomes. */
  learn: string[]
  steps: LessonStep[]
  /** 3 to 5 questions. */
  quiz: QuizQuestion[]
  /** "Try it on real AWS": what differs, what it costs, which permissions you need. */
  realAws: string[]
  demo: DemoMode
  presets?: Preset[]
}

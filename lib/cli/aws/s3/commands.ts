/** The `aws s3` commands the playground simulates. */
import { mb, rb } from './bucket-commands'
import { cp } from './cp'
import { ls } from './ls'
import { rm } from './rm'
import type { S3Command } from './spec'

export const S3_COMMAND_SPECS: S3Command[] = [ls, cp, rm, mb, rb]

/** The `aws s3` commands the playground simulates. */
import { mb, rb } from './bucket-commands'
import { cp, mv } from './cp'
import { ls } from './ls'
import { presign } from './presign'
import { rm } from './rm'
import type { S3Command } from './spec'
import { sync } from './sync'

export const S3_COMMAND_SPECS: S3Command[] = [ls, cp, mv, rm, sync, mb, rb, presign]

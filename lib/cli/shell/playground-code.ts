/**
 * `playground code LANGUAGE aws <service> <operation> ...`: the same call in boto3, the AWS SDK for JavaScript
 * v3, Java 2.x or Go v2, generated from the parsed command and the service model (lib/codegen). Encryption
 * parameters end with an `encryption` comment. The JavaScript runs as it is in Node and in the scratchpad.
 */
import { CodegenError, sdkCallOf } from '../../codegen/call'
import { codeFor, ENCRYPTION_MARK, LANGUAGES, type Language } from '../../codegen/languages'
import { UsageError } from '../aws/usage'
import type { Builtin } from './builtins'

export const CODE_USAGE = `usage: playground code ${LANGUAGES.join('|')} aws <service> <operation> [options...]\n`

export const codeCommand: Builtin = async (args, io, sh) => {
  const [language, aws, ...command] = args
  if (!LANGUAGES.includes(language as Language) || aws !== 'aws' || command.length < 2) {
    io.err(CODE_USAGE)
    return 2
  }
  try {
    const code = codeFor(sdkCallOf(command, sh.vfs), language as Language)
    // In the terminal, the encryption lines stand out (bold yellow); in a pipe or a file, the comment alone.
    const marked = new RegExp(`(#|//) ${ENCRYPTION_MARK}$`)
    io.out(sh.tty ? code.replace(/^.*$/gm, (line) => (marked.test(line) ? `\x1b[1;33m${line}\x1b[0m` : line)) : code)
    return 0
  } catch (error) {
    if (error instanceof CodegenError) io.err(`playground code: ${error.message}\n`)
    else if (error instanceof UsageError) io.err(error.text.replace(/^\n/, ''))
    else throw error
    return 2
  }
}

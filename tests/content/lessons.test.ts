/**
 * Every lesson's shell blocks, run in order against a fresh emulator as a learner would run them with the
 * Run buttons: each command must succeed, and the lessons' claims must hold (learnGitBranching checks its
 * levels the same way).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandsOf } from '@/components/mdx/commands'
import { cliAgainst } from '../helpers/cli'
import { startEmulator } from '../helpers/server'

const dir = join(import.meta.dirname, '..', '..', 'content', 'learn')
const lessons = readdirSync(dir).filter((f) => f.endsWith('.mdx'))

/** The commands of every ```sh block, in document order. */
function commands(mdx: string): string[] {
  return [...mdx.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) => commandsOf(m[1]!))
}

describe.each(lessons)('lesson %s', (file) => {
  it('runs every command successfully, in order', async () => {
    const running = await startEmulator()
    try {
      const { run } = cliAgainst(running.endpoint)
      const lines = commands(readFileSync(join(dir, file), 'utf8'))
      expect(lines.length).toBeGreaterThan(5)
      const outputs: string[] = []
      for (const line of lines) {
        const r = await run(line)
        expect(r, `"${line}" failed`).toMatchObject({ code: 0 })
        outputs.push(r.stdout)
      }
      if (file === 'default-sse-kms.mdx') {
        // The lesson's claims: old object AES256, new object aws:kms with a key ARN, re-encrypted after the copy.
        expect(outputs[lines.indexOf('aws s3api head-object --bucket my-s3-bucket --key before.txt --query ServerSideEncryption')]).toBe('"AES256"\n')
        expect(outputs[lines.indexOf('aws s3api head-object --bucket my-s3-bucket --key after.txt')]).toMatch(/"SSEKMSKeyId": "arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}"/)
        expect(outputs.at(-2)).toMatch(/"aws:kms",\s+"arn:aws:kms:/)
        expect(JSON.parse(outputs.at(-1)!).userIdentity.invokedBy).toBe('s3.amazonaws.com')
      }
    } finally {
      await running.close()
    }
  })
})

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

/** The commands of every ```sh block, in document order; a block starting `# expect: failure` must fail. */
function commands(mdx: string): { line: string; fails: boolean }[] {
  return [...mdx.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) => {
    const fails = m[1]!.startsWith('# expect: failure')
    return commandsOf(m[1]!).map((line) => ({ line, fails }))
  })
}

describe.each(lessons)('lesson %s', (file) => {
  it('runs every command successfully, in order', async () => {
    // Over http here; the browser reaches the emulator over https, where SSE-C is allowed.
    const running = await startEmulator({ allowSseCOverHttp: true })
    try {
      const { run } = cliAgainst(running.endpoint)
      const steps = commands(readFileSync(join(dir, file), 'utf8'))
      const lines = steps.map((s) => s.line)
      expect(lines.length).toBeGreaterThan(3)
      const outputs: string[] = []
      for (const { line, fails } of steps) {
        const r = await run(line)
        if (fails) expect(r.code, `"${line}" should fail, as the lesson says`).not.toBe(0)
        else expect(r, `"${line}" failed`).toMatchObject({ code: 0 })
        outputs.push(r.stdout)
      }
      if (file === 'overview.mdx') expect(outputs.at(-1)).toBe('"AES256"\n')
      if (file === 'client-side.mdx') expect(outputs[lines.findIndex((l) => l.includes('--query Metadata'))]).toMatch(/"x-amz-key-v2": "[A-Za-z0-9+/=]+"[\s\S]*"x-amz-wrap-alg": "kms\+context"/)
      if (file === 'dsse-kms.mdx') expect(outputs[lines.findIndex((l) => l.startsWith('aws cloudtrail'))]).toBe('2\n')
      if (file === 'sse-c.mdx') expect(outputs[lines.findIndex((l) => l.startsWith('aws s3api get-bucket-encryption'))]).toContain('"SSE-C"')
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

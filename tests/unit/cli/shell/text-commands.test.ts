/**
 * grep, head, tail and wc against the real GNU tools on this machine: the same files, the same command line, the same
 * standard output and exit code. Skipped (and said so) where a tool is missing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { utf8 } from '@/lib/crypto/bytes'
import { cliAgainst } from '../../../helpers/cli'

const FILES: Record<string, string> = {
  'keys.txt': 'alias/demo\nKeyId 1234\nkeyid lower\n\nSSE-KMS aws:kms\nAES256 sse-s3\nthe end',
  'log.txt':
    Array.from({ length: 25 }, (_, i) => `line ${i + 1}: ${i % 3 === 0 ? 'GenerateDataKey' : 'Decrypt'}`).join('\n') +
    '\n',
  'empty.txt': '',
  'words.txt': 'one  two\tthree\nfour\n  five six seven  \n',
  'utf8.txt': 'clé secrète\nkey\n',
}

const CASES = [
  'grep Key keys.txt',
  'grep -i keyid keys.txt',
  'grep -v Key keys.txt',
  'grep -c Decrypt log.txt',
  'grep -n GenerateDataKey log.txt',
  'grep -o "line [0-9]*" log.txt',
  'grep -E "^line (1|2)[0-9]?:" log.txt',
  'grep -F aws:kms keys.txt',
  'grep -w key utf8.txt',
  'grep -x key utf8.txt',
  'grep -l Decrypt keys.txt log.txt',
  'grep -L Decrypt keys.txt log.txt',
  'grep Key keys.txt log.txt',
  'grep -h Key keys.txt log.txt',
  'grep -c Key keys.txt log.txt empty.txt',
  'grep -q Decrypt log.txt',
  'grep nothing-here keys.txt',
  'grep -e alias -e AES keys.txt',
  'grep "KeyId [[:digit:]]\\+" keys.txt',
  'grep "\\(alias\\|AES\\)" keys.txt',
  'grep -m 2 Decrypt log.txt',
  'grep Key missing.txt',
  'head keys.txt',
  'head -n 3 log.txt',
  'head -3 log.txt',
  'head -n -20 log.txt',
  'head -c 12 keys.txt',
  'head -n 2 keys.txt words.txt',
  'head -q -n 1 keys.txt words.txt',
  'head missing.txt',
  'tail log.txt',
  'tail -n 2 keys.txt',
  'tail -n +23 log.txt',
  'tail -c 7 keys.txt',
  'tail -5 log.txt',
  'tail -n 1 keys.txt words.txt',
  'tail -n 0 log.txt',
  'wc keys.txt',
  'wc -l log.txt',
  'wc -w words.txt',
  'wc -c keys.txt',
  'wc -m utf8.txt',
  'wc -lc utf8.txt',
  'wc keys.txt log.txt words.txt',
  'wc -l keys.txt log.txt',
  'wc empty.txt',
  'cat log.txt | wc',
  'cat log.txt | wc -l',
  'cat keys.txt | grep -c Key',
  'cat log.txt | head -n 2',
  'cat log.txt | tail -n 2',
  'cat log.txt | grep Decrypt | wc -l',
]

const real = ['grep', 'head', 'tail', 'wc', 'sh'].every((t) => existsSync(`/usr/bin/${t}`) || existsSync(`/bin/${t}`))

describe.skipIf(!real)('grep, head, tail and wc print what GNU grep and coreutils print', () => {
  const dir = mkdtempSync(join(tmpdir(), 'text-commands-'))
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text)

  it.each(CASES)('%s', async (line) => {
    const gnu = spawnSync('sh', ['-c', line], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C.utf8' },
    })
    const { session, run } = cliAgainst('http://127.0.0.1:9')
    for (const [name, text] of Object.entries(FILES)) session.shell.vfs.write(name, utf8(text))
    const ours = await run(line)
    expect(ours.stdout).toBe(gnu.stdout)
    expect(ours.code).toBe(gnu.status)
    // Errors name the same file the same way (GNU quotes with ‘’ or '' depending on the locale, so only the file).
    if (gnu.stderr) expect(ours.stderr).toContain('missing.txt')
    else expect(ours.stderr).toBe('')
  })
})

import { describe, expect, it } from 'vitest'
import { hexdumpCanonical, xxdDump } from '@/lib/cli/shell/inspect-commands'
import { shellOnly } from '../../../helpers/cli'
import { utf8 } from '@/lib/crypto/bytes'

const sh = shellOnly

describe('byte inspection commands', () => {
  it('xxd and hexdump -C match the real tools (output recorded from xxd 2022 and util-linux)', () => {
    expect(xxdDump(utf8('Hello world\n'))).toBe('00000000: 4865 6c6c 6f20 776f 726c 640a            Hello world.\n')
    expect(hexdumpCanonical(utf8('Hello world\n'))).toBe(
      '00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |Hello world.|\n0000000c\n',
    )
  })

  it('base64 encodes and decodes, and refuses bad input', async () => {
    expect((await sh('echo -n Hello | base64')).out).toBe('SGVsbG8=\n')
    expect((await sh('echo aGVsbG8= | base64 -d')).out).toBe('hello')
    expect(await sh('echo !!! | base64 -d')).toMatchObject({ err: 'base64: invalid input\n', code: 1 })
  })

  it('openssl rand makes keys of the asked size', async () => {
    const r = await sh('openssl rand -out key.bin 32', 'wc -c key.bin', 'openssl rand -hex 16')
    expect(r.out).toMatch(/^32 key\.bin\n[0-9a-f]{32}\n$/)
  })

  it('head and wc count like coreutils', async () => {
    const r = await sh('echo a > f', 'echo b >> f', 'echo c >> f', 'head -n 2 f', 'wc -l f', 'cat f | wc')
    expect(r.out).toBe('a\nb\n3 f\n      3       3       6\n')
  })
})

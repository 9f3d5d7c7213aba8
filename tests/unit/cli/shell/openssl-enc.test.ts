/**
 * `openssl enc` in the shell: round trips, OpenSSL's errors, and byte compatibility with the real OpenSSL 3
 * both ways (skipped, with a warning, when no openssl command is installed).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { shellOnly } from '../../../helpers/cli'
import { fromUtf8, utf8 } from '@/lib/crypto/bytes'

const hasOpenssl = spawnSync('openssl', ['version']).status === 0
if (!hasOpenssl) console.warn('[openssl-enc] interop skipped: no openssl command')
const work = mkdtempSync(join(tmpdir(), 'openssl-enc-'))

describe('openssl enc', () => {
  it('encrypts to Salted__ + salt + CBC ciphertext and decrypts back; base64 too', async () => {
    const r = await shellOnly(
      'echo "manual client-side encryption" > plain.txt',
      'openssl enc -aes-256-cbc -pbkdf2 -pass pass:s3cret -in plain.txt -out plain.enc',
      'head -c 8 plain.enc',
      'openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:s3cret -in plain.enc -out back.txt',
      'cmp plain.txt back.txt && echo same',
      'openssl enc -aes-256-cbc -pbkdf2 -pass pass:s3cret -a -in plain.txt -out plain.b64',
      'openssl enc -d -a -aes-256-cbc -pbkdf2 -pass pass:s3cret -in plain.b64',
    )
    expect(r.out).toBe('Salted__same\nmanual client-side encryption\n')
  })

  it('says "bad decrypt" for a wrong password and refuses AEAD ciphers, as OpenSSL does', async () => {
    // CBC with a wrong key ends in valid padding by chance (about 1 in 256 with a random salt), and OpenSSL
    // then prints garbage with exit code 0: each wrong password must fail or give garbage, and most must fail.
    const tries = await Promise.all(
      ['b', 'c', 'd', 'e', 'f'].map((pw) =>
        shellOnly(
          'echo x > p',
          'openssl enc -aes-256-cbc -pbkdf2 -pass pass:a -in p -out p.enc',
          `openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:${pw} -in p.enc`,
        ),
      ),
    )
    for (const t of tries) expect(t.code === 1 ? t.err : t.out).not.toBe('x\n')
    const refused = tries.filter((t) => t.code === 1)
    expect(refused.length).toBeGreaterThanOrEqual(3)
    for (const t of refused) expect(t.err).toBe('bad decrypt\n')
    const gcm = await shellOnly('echo x > p', 'openssl enc -aes-256-gcm -pbkdf2 -pass pass:a -in p')
    expect(gcm).toMatchObject({ code: 1, err: 'enc: AEAD ciphers not supported\nenc: Use -help for summary.\n' })
  })

  it.skipIf(!hasOpenssl)('interoperates with the real OpenSSL both ways', async () => {
    // Real OpenSSL encrypts; the playground decrypts.
    writeFileSync(join(work, 'in.txt'), 'written by real openssl\n')
    expect(
      spawnSync('openssl', [
        'enc',
        '-aes-256-cbc',
        '-pbkdf2',
        '-pass',
        'pass:shared',
        '-in',
        join(work, 'in.txt'),
        '-out',
        join(work, 'in.enc'),
      ]).status,
    ).toBe(0)
    const fromReal = await shellOnly()
    fromReal.session.shell.vfs.write('in.enc', new Uint8Array(readFileSync(join(work, 'in.enc'))))
    let out = ''
    await fromReal.session.run('openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:shared -in in.enc', {
      out: (t) => (out += typeof t === 'string' ? t : fromUtf8(t)),
      err: () => {},
    })
    expect(out).toBe('written by real openssl\n')
    // The playground encrypts; real OpenSSL decrypts.
    const ours = await shellOnly(
      'echo "written by the playground" > mine.txt',
      'openssl enc -aes-256-cbc -pbkdf2 -iter 20000 -pass pass:shared -in mine.txt -out mine.enc',
    )
    writeFileSync(join(work, 'mine.enc'), ours.session.shell.vfs.read('mine.enc'))
    const real = spawnSync(
      'openssl',
      ['enc', '-d', '-aes-256-cbc', '-pbkdf2', '-iter', '20000', '-pass', 'pass:shared', '-in', join(work, 'mine.enc')],
      { encoding: 'utf8' },
    )
    expect(real.stdout).toBe('written by the playground\n')
    expect(utf8(real.stdout).length).toBeGreaterThan(0)
  })
})

import { describe, expect, it } from 'vitest'
import { createSession } from '@/lib/cli/session'
import { shellOnly } from '../../../helpers/cli'
import { emulatorTarget } from '@/lib/sdk/clients'
import { fromUtf8 } from '@/lib/crypto/bytes'

const sh = shellOnly

describe('the shell', () => {
  it('writes, appends and reads files', async () => {
    const r = await sh('echo one > f.txt', 'echo two >> f.txt', 'cat f.txt')
    expect(r.out).toBe('one\ntwo\n')
  })

  it('pipes stdout into the next command', async () => {
    expect((await sh('echo hello | sha256sum')).out).toBe(
      '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  -\n',
    )
  })

  it('cmp: silent and 0 when equal, the first difference and 1 when not, 2 when a file is missing', async () => {
    expect(await sh('echo abc > a', 'echo abc > b', 'cmp a b')).toMatchObject({ out: '', code: 0 })
    expect(await sh('echo abc > a', 'echo abd > b', 'cmp a b')).toMatchObject({
      out: 'a b differ: byte 3, line 1\n',
      code: 1,
    })
    expect(await sh('echo abc > a', 'cmp a nope')).toMatchObject({
      err: 'cmp: nope: No such file or directory\n',
      code: 2,
    })
    expect(await sh('echo abc > a', 'echo -n ab > b', 'cmp a b')).toMatchObject({
      err: 'cmp: EOF on b after byte 2, line 1\n',
      code: 1,
    })
  })

  it('diff prints GNU normal format', async () => {
    const r = await sh('echo a > x', 'echo b >> x', 'echo a > y', 'echo c >> y', 'diff x y')
    expect(r).toMatchObject({ out: '2c2\n< b\n---\n> c\n', code: 1 })
  })

  it('&& stops on failure, ; does not, and $? holds the last code', async () => {
    expect((await sh('false && echo no; echo yes')).out).toBe('yes\n')
    expect((await sh('false', 'echo $?')).out).toBe('1\n')
  })

  it('answers unknown commands like bash, with 127', async () => {
    expect(await sh('frobnicate --now')).toMatchObject({ err: 'bash: frobnicate: command not found\n', code: 127 })
  })

  it('reports file errors as coreutils does', async () => {
    expect((await sh('cat nope')).err).toBe('cat: nope: No such file or directory\n')
    expect((await sh('rm nope')).err).toBe("rm: cannot remove 'nope': No such file or directory\n")
    expect((await sh('ls nope')).err).toBe("ls: cannot access 'nope': No such file or directory\n")
    expect((await sh('echo x > missing/dir/f')).err).toBe('bash: missing/dir/f: No such file or directory\n')
  })

  it('keeps history of what was run', async () => {
    const r = await sh('echo a', 'echo b')
    expect(r.session.shell.history).toEqual(['echo a', 'echo b'])
  })

  it('says when aws cannot reach the endpoint, with exit code 255', async () => {
    const r = await sh('aws s3api list-buckets')
    expect(r.code).toBe(255)
    expect(r.err).toBe('\nCould not connect to the endpoint URL: "http://127.0.0.1:9/"\n')
  })

  it("names the page's Content-Security-Policy when it, not the endpoint, refused the connection", async () => {
    const policy = "default-src 'self'; connect-src 'self' http://127.0.0.1:*"
    const session = createSession({ target: emulatorTarget('http://127.0.0.1:9'), connectPolicy: policy })
    let err = ''
    const io = { out: () => {}, err: (t: string | Uint8Array) => (err += typeof t === 'string' ? t : fromUtf8(t)) }
    // Allowed by the policy: only the connection error, as before.
    expect(await session.run('aws s3api list-buckets', io)).toBe(255)
    expect(err).not.toContain('Content-Security-Policy')
    err = ''
    expect(await session.run('aws --endpoint-url http://minio.lab.invalid:9000 s3api list-buckets', io)).toBe(255)
    expect(err).toContain('Could not connect to the endpoint URL: "http://minio.lab.invalid:9000/"')
    expect(err).toContain('does not let the page connect to http://minio.lab.invalid:9000')
    expect(err).toContain("PLAYGROUND_CONNECT_SRC='http://minio.lab.invalid:9000' npm run build")
    expect(err).not.toContain('CORS')
  })
})

describe('Ctrl-C', () => {
  it('stops a running command with exit code 130 and silences its late output', async () => {
    const session = createSession({ target: emulatorTarget('http://127.0.0.1:9') })
    let out = ''
    const abort = new AbortController()
    // A service that never answers: without Ctrl-C the command would wait forever.
    let answer: (v: unknown) => void = () => {}
    const never = { send: () => new Promise((resolve) => (answer = resolve)) }
    session.shell.aws.clients = () => ({ s3: never }) as never
    const pending = session.run(
      'echo before && aws s3 ls',
      { out: (t) => (out += typeof t === 'string' ? t : fromUtf8(t)), err: () => {} },
      abort.signal,
    )
    await new Promise((r) => setTimeout(r, 20))
    abort.abort()
    expect(await pending).toBe(130)
    expect(session.shell.env['?']).toBe('130')
    answer({ Buckets: [{ Name: 'late-bucket', CreationDate: new Date() }] })
    await new Promise((r) => setTimeout(r, 20))
    expect(out).toBe('before\n')
  })
})

describe('variables and command substitution', () => {
  it('NAME=value sets a variable; $(...) captures output without its trailing newline', async () => {
    expect((await sh('GREETING=hello', 'echo "$GREETING world"')).out).toBe('hello world\n')
    expect((await sh('echo abc > f', 'X=$(cat f)', 'echo "[$X]"')).out).toBe('[abc]\n')
    expect((await sh('echo "n=$(echo one two)"')).out).toBe('n=one two\n')
  })

  it('keeps single-quoted $(...) literal and substitutes nested calls', async () => {
    expect((await sh("echo '$(echo no)'")).out).toBe('$(echo no)\n')
    expect((await sh('echo $(echo $(echo deep))')).out).toBe('deep\n')
  })
})

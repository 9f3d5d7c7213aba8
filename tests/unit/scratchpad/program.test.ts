/**
 * The runner's pure parts in Node: TypeScript emitted with the scratchpad's compiler options (here by the
 * `typescript` package; in the browser Monaco's TypeScript worker, the same compiler) runs inside the
 * wrapper, and every example program works against the emulator through the real SDK over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ts from 'typescript'
import * as clientS3 from '@aws-sdk/client-s3'
import * as clientKms from '@aws-sdk/client-kms'
import { formatArgs, type ConsoleLine } from '@/lib/scratchpad/format'
import {
  makeRequire,
  preconfigured,
  runProgram,
  SCRATCHPAD_COMPILER_OPTIONS,
  IGNORED_DIAGNOSTICS,
} from '@/lib/scratchpad/program'
import { EXAMPLES } from '@/lib/scratchpad/examples'
import { answer, forwardingFetch } from '@/lib/scratchpad/forward'
import { createClients, emulatorTarget } from '@/lib/sdk/clients'
import { startEmulator, type RunningEmulator } from '../../helpers/server'

const transpile = (source: string) => {
  const out = ts.transpileModule(source, {
    compilerOptions: SCRATCHPAD_COMPILER_OPTIONS as unknown as ts.CompilerOptions,
    reportDiagnostics: true,
  })
  return {
    js: out.outputText,
    errors: (out.diagnostics ?? [])
      .filter((d) => !IGNORED_DIAGNOSTICS.includes(d.code))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  }
}

function capture() {
  const lines: ConsoleLine[] = []
  const line =
    (level: ConsoleLine['level']) =>
    (...args: unknown[]) =>
      lines.push({ level, text: formatArgs(args) })
  return { lines, console: { log: line('log'), info: line('info'), warn: line('warn'), error: line('error') } }
}

describe('transpile and run', () => {
  it('turns imports into require calls, strips types, and allows top-level await', async () => {
    const { js, errors } = transpile(
      `import { greet } from 'greeter'\nconst who: string = await Promise.resolve('world')\nconsole.log(greet(who))`,
    )
    expect(errors).toEqual([])
    expect(js).toContain('require("greeter")')
    expect(js).not.toContain(': string')
    const { lines, console } = capture()
    await runProgram(js, { require: makeRequire({ greeter: { greet: (w: string) => `hello ${w}` } }), console })
    expect(lines).toEqual([{ level: 'log', text: 'hello world' }])
  })

  it('fails an unknown import the way require does, naming what is available', async () => {
    const { js } = transpile(`import fs from 'node:fs'\nconsole.log(fs)`)
    const { console } = capture()
    await expect(runProgram(js, { require: makeRequire({ '@aws-sdk/client-s3': {} }), console })).rejects.toThrow(
      "Cannot find module 'node:fs'. The scratchpad provides: @aws-sdk/client-s3.",
    )
  })

  it('reports a syntax error from the compiler', () => {
    expect(transpile('const = 1').errors.length).toBeGreaterThan(0)
  })

  it('gives new S3Client({}) the target defaults, and lets the program override them', () => {
    const mod = preconfigured(clientS3, 'S3Client', { region: 'eu-west-3', forcePathStyle: true })
    const S3 = mod.S3Client
    expect(S3.name).toBe('S3Client')
    expect(new S3({}).config.forcePathStyle).toBe(true)
    return Promise.all([
      expect(new S3({}).config.region()).resolves.toBe('eu-west-3'),
      expect(new S3({ region: 'us-west-2' }).config.region()).resolves.toBe('us-west-2'),
    ])
  })
})

describe('the examples, against the emulator', () => {
  let server: RunningEmulator
  beforeAll(async () => {
    // The browser's emulator is https; this one is plain HTTP on loopback, where S3 would refuse SSE-C.
    server = await startEmulator({ allowSseCOverHttp: true })
  })
  afterAll(() => server.close())

  const runExample = async (id: string) => {
    const example = EXAMPLES.find((e) => e.id === id)!
    const { js, errors } = transpile(example.source)
    expect(errors, id).toEqual([])
    const target = emulatorTarget(server.endpoint)
    const clients = createClients(target)
    const s3Config = {
      region: target.region,
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: target.credentials,
      maxAttempts: 1,
    }
    const { lines, console } = capture()
    try {
      await runProgram(js, {
        require: makeRequire({
          '@aws-sdk/client-s3': preconfigured(clientS3, 'S3Client', s3Config),
          '@aws-sdk/client-kms': preconfigured(clientKms, 'KMSClient', { ...s3Config, forcePathStyle: undefined }),
        }),
        console,
        s3: clients.s3,
        kms: clients.kms,
      })
    } finally {
      clients.s3.destroy()
      clients.kms.destroy()
    }
    return lines
  }

  it('puts with SSE-KMS and prints the HeadObject headers (twice: the second run reuses the key)', async () => {
    for (let run = 0; run < 2; run++) {
      const lines = await runExample('put-sse-kms')
      const head = lines.find((l) => l.text.startsWith('HeadObject headers:'))!
      expect(head.text).toContain('"x-amz-server-side-encryption": "aws:kms"')
      expect(head.text).toMatch(
        /"x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}"/,
      )
    }
    expect([...server.emulator.kms.state.aliases.keys()].filter((a) => a === 'alias/scratchpad-demo')).toHaveLength(1)
  })

  it('heads every object', async () => {
    const lines = await runExample('head-object')
    expect(lines).toContainEqual({
      level: 'log',
      text: expect.stringMatching(/^s3:\/\/scratchpad-demo\/hello\.txt aws:kms arn:aws:kms:/),
    })
  })

  it('writes and reads an SSE-C object, and shows the error S3 gives without the key', async () => {
    const lines = await runExample('read-sse-c')
    expect(lines[0]).toEqual({
      level: 'log',
      text: expect.stringMatching(/^With the key: Readable only with the key\. \| key MD5: [A-Za-z0-9+/]{22}==$/),
    })
    expect(lines[1]).toEqual({
      level: 'error',
      text: expect.stringMatching(/^Without the key: InvalidRequest: .*\(HTTP 400, client fault\)/),
    })
  })
})

describe('forwarding fetch', () => {
  it('carries a request out and its response back, bytes and headers intact', async () => {
    const server = await startEmulator()
    try {
      const sent: Parameters<typeof answer>[0][] = []
      const forward = forwardingFetch((request) => sent.push(request))
      const put = forward.fetch(`${server.endpoint}/fwd-bucket`, { method: 'PUT' })
      await new Promise((r) => setTimeout(r, 0))
      forward.receive(await answer(sent[0]!, (r) => fetch(r)))
      expect((await put).status).toBe(200)
      const body = new Uint8Array([0, 1, 2, 250])
      const upload = forward.fetch(`${server.endpoint}/fwd-bucket/k`, {
        method: 'PUT',
        body,
        headers: { 'x-amz-server-side-encryption': 'AES256' },
      })
      await new Promise((r) => setTimeout(r, 0))
      forward.receive(await answer(sent[1]!, (r) => fetch(r)))
      expect((await upload).headers.get('x-amz-server-side-encryption')).toBe('AES256')
      const get = forward.fetch(`${server.endpoint}/fwd-bucket/k`)
      await new Promise((r) => setTimeout(r, 0))
      forward.receive(await answer(sent[2]!, (r) => fetch(r)))
      expect(new Uint8Array(await (await get).arrayBuffer())).toEqual(body)
      const head = forward.fetch(`${server.endpoint}/fwd-bucket/missing`, { method: 'HEAD' })
      await new Promise((r) => setTimeout(r, 0))
      forward.receive(await answer(sent[3]!, (r) => fetch(r)))
      expect((await head).status).toBe(404)
    } finally {
      await server.close()
    }
  })

  it('rejects like fetch when the page could not send the request', async () => {
    const sent: Parameters<typeof answer>[0][] = []
    const forward = forwardingFetch((request) => sent.push(request))
    const failing = forward.fetch('https://nowhere.invalid/')
    await new Promise((r) => setTimeout(r, 0))
    forward.receive(
      await answer(sent[0]!, () => Promise.reject(new TypeError('getaddrinfo ENOTFOUND nowhere.invalid'))),
    )
    await expect(failing).rejects.toThrow('Failed to fetch: getaddrinfo ENOTFOUND nowhere.invalid')
  })
})

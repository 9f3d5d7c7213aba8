/**
 * Copy as code, executed: for each command, the CLI runs it on one key and the generated boto3 (Debian's
 * python3) and JavaScript (Node, the real @aws-sdk/client-*) run it on others, against the same HTTP server; the
 * objects must come out alike (encryption, key, Bucket Key, body). Only where to connect is supplied from outside:
 * boto3 1.26 has no AWS_ENDPOINT_URL, so a two-line prelude sets the endpoint; the JS SDK reads it from the
 * environment. Snippets run asynchronously: the server answers from this same process.
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { sdkCallOf } from '@/lib/codegen/call'
import { codeFor } from '@/lib/codegen/languages'
import { cliAgainst } from '../helpers/cli'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

const python = '/usr/bin/python3'
const hasBoto3 = spawnSync(python, ['-c', 'import boto3']).status === 0
if (!hasBoto3) console.warn('[codegen-run] boto3 snippets skipped: /usr/bin/python3 has no boto3 (python3-boto3)')
const work = mkdtempSync(join(tmpdir(), 'codegen-'))
const root = process.cwd()

function env(server: RunningEmulator): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: server.endpoint,
    NODE_PATH: join(root, 'node_modules'),
  }
}

/** Runs a program without blocking this process (which serves the emulator); resolves with its exit and output. */
function run(command: string, args: string[], server: RunningEmulator): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: work, env: env(server), timeout: 30_000 }, (error, _stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, stderr: String(stderr) }),
    )
  })
}

function runPython(code: string, server: RunningEmulator) {
  const prelude = `import boto3, functools\nboto3.client = functools.partial(boto3.client, endpoint_url=${JSON.stringify(server.endpoint)})\n`
  writeFileSync(join(work, 'snippet.py'), prelude + code)
  return run(python, ['snippet.py'], server)
}

function runJs(code: string, server: RunningEmulator) {
  // An .mjs file under the project, so its imports resolve against the project's node_modules.
  const file = join(root, 'node_modules', '.codegen-snippet.mjs')
  writeFileSync(
    file,
    code.replace(/readFileSync\('([^']+)'\)/g, (_m, p: string) => `readFileSync(${JSON.stringify(join(work, p))})`),
  )
  return run(process.execPath, [file], server)
}

async function described(server: RunningEmulator, bucket: string, key: string) {
  const s3 = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: testCredentials,
    forcePathStyle: true,
  })
  const h = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
  return {
    sse: h.ServerSideEncryption,
    kmsKey: h.SSEKMSKeyId,
    bucketKey: h.BucketKeyEnabled,
    length: h.ContentLength,
  }
}

describe('copy as code runs and does what the command does', () => {
  it('PutObject with SSE-KMS and a Bucket Key: the CLI, boto3 and JavaScript objects agree', async () => {
    const server = await startEmulator()
    try {
      const cli = cliAgainst(server.endpoint)
      const body = 'the same body\n'
      writeFileSync(join(work, 'f.txt'), body)
      expect((await cli.run('echo the same body > f.txt')).code).toBe(0)
      expect((await cli.run('aws s3api create-bucket --bucket codegen')).code).toBe(0)
      const keyId = (await cli.run('aws kms create-key --query KeyMetadata.Arn --output text')).stdout.trim()
      const line = (key: string) =>
        `aws s3api put-object --bucket codegen --key ${key} --body f.txt --server-side-encryption aws:kms --ssekms-key-id ${keyId} --bucket-key-enabled`
      const byCli = await cli.run(line('by-cli'))
      expect(byCli.code, byCli.stderr).toBe(0)
      const want = await described(server, 'codegen', 'by-cli')
      expect(want).toMatchObject({ sse: 'aws:kms', kmsKey: keyId, bucketKey: true, length: body.length })

      const js = codeFor(sdkCallOf(line('by-js').split(' ').slice(1), cli.session.shell.vfs), 'javascript')
      const ranJs = await runJs(js, server)
      expect(ranJs.status, ranJs.stderr).toBe(0)
      expect(await described(server, 'codegen', 'by-js')).toEqual(want)

      if (hasBoto3) {
        const py = codeFor(sdkCallOf(line('by-python').split(' ').slice(1), cli.session.shell.vfs), 'python')
        const ranPy = await runPython(py, server)
        expect(ranPy.status, ranPy.stderr).toBe(0)
        expect(await described(server, 'codegen', 'by-python')).toEqual(want)
      }
    } finally {
      await server.close()
    }
  }, 60_000)

  it('PutBucketEncryption from JSON: boto3 and JavaScript set the same default as the CLI', async () => {
    const server = await startEmulator()
    try {
      const cli = cliAgainst(server.endpoint)
      const config =
        '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'
      const get = async (bucket: string) =>
        (await cli.run(`aws s3api get-bucket-encryption --bucket ${bucket} --output json`)).stdout
      const line = (bucket: string) => [
        's3api',
        'put-bucket-encryption',
        '--bucket',
        bucket,
        '--server-side-encryption-configuration',
        config,
      ]
      for (const b of ['e-cli', 'e-js', 'e-py'])
        expect((await cli.run(`aws s3api create-bucket --bucket ${b}`)).code).toBe(0)
      expect(
        (
          await cli.run(
            `aws s3api put-bucket-encryption --bucket e-cli --server-side-encryption-configuration '${config}'`,
          )
        ).code,
      ).toBe(0)
      const ranJs = await runJs(codeFor(sdkCallOf(line('e-js'), cli.session.shell.vfs), 'javascript'), server)
      expect(ranJs.status, ranJs.stderr).toBe(0)
      expect(await get('e-js')).toBe(await get('e-cli'))
      if (hasBoto3) {
        const ranPy = await runPython(codeFor(sdkCallOf(line('e-py'), cli.session.shell.vfs), 'python'), server)
        expect(ranPy.status, ranPy.stderr).toBe(0)
        expect(await get('e-py')).toBe(await get('e-cli'))
      }
    } finally {
      await server.close()
    }
  }, 60_000)
})

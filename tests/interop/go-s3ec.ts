/**
 * Builds and runs tests/interop/go/s3ec.go, the real Go S3 Encryption Client (aws-sdk-go s3crypto). Debian's
 * golang-go and golang-github-aws-aws-sdk-go-dev are enough: the build runs in GOPATH mode over
 * /usr/share/gocode, with no module proxy and no network. The binary is cached by the source's hash.
 */
import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const GOPATH = '/usr/share/gocode'
const S3CRYPTO = join(GOPATH, 'src/github.com/aws/aws-sdk-go/service/s3/s3crypto')
const source = fileURLToPath(new URL('./go/s3ec.go', import.meta.url))
const env = { ...process.env, GO111MODULE: 'off', GOPATH, GOPROXY: 'off', GOFLAGS: '', CGO_ENABLED: '0' }

/** The SDK version if go and the package are installed, else why not (for a test's skip message). */
export function probeGo(): { version: string } | { missing: string } {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' })
  if (go.status !== 0) return { missing: 'go not installed (apt-get install golang-go)' }
  if (!existsSync(S3CRYPTO))
    return { missing: 'aws-sdk-go not installed (apt-get install golang-github-aws-aws-sdk-go-dev)' }
  const version = /SDKVersion = "([^"]+)"/.exec(
    readFileSync(join(GOPATH, 'src/github.com/aws/aws-sdk-go/aws/version.go'), 'utf8'),
  )?.[1]
  return { version: `aws-sdk-go ${version ?? '?'} s3crypto, ${go.stdout.trim().replace(/^go version /, '')}` }
}

/** Compiles the program once per source version (a cold build takes about 30 s on 2 cores). */
export async function buildGoS3ec(): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12)
  const binary = join(tmpdir(), `s3ec-go-${hash}`)
  if (!existsSync(binary)) await promisify(execFile)('go', ['build', '-o', binary, source], { env })
  return binary
}

/** Runs the program asynchronously: the emulator usually serves from this same process. Rejects with Go's stderr. */
export async function runGoS3ec(binary: string, args: string[]): Promise<string> {
  try {
    return (await promisify(execFile)(binary, args, { env, maxBuffer: 64 << 20 })).stdout
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim()
    throw new Error(stderr || (e as Error).message)
  }
}

/**
 * In CI (CI=true) every tool that .ci/run installs must be there: the suites that use them skip when a tool is
 * missing on a contributor's machine, and a silent skip in CI would hide a broken install step.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findAws } from '../helpers/aws-cli'

const runs = (command: string, args: string[]): boolean => spawnSync(command, args, { encoding: 'utf8' }).status === 0

/** What .ci/run installs, and how the suites that need each one find it. */
const required: [name: string, present: () => boolean][] = [
  ['aws-cli v2 (Debian awscli)', () => findAws()?.major === 2],
  ['openssl', () => runs('openssl', ['version'])],
  ['chromium', () => ['/usr/bin/chromium', process.env.CHROMIUM_PATH ?? ''].some((p) => p && existsSync(p))],
  ['Ruby aws-sdk-s3 (ruby-aws-sdk-s3)', () => runs('ruby', ['-e', 'require "aws-sdk-s3"; require "aws-sdk-kms"'])],
  ['Go toolchain (golang-go)', () => runs('go', ['version'])],
  [
    'Go aws-sdk-go s3crypto (golang-github-aws-aws-sdk-go-dev)',
    () => existsSync('/usr/share/gocode/src/github.com/aws/aws-sdk-go/service/s3/s3crypto'),
  ],
  ['rclone', () => runs('rclone', ['version'])],
  ['s3cmd', () => runs('s3cmd', ['--version'])],
  ["boto3 for Debian's python3 (python3-boto3)", () => runs('/usr/bin/python3', ['-c', 'import boto3'])],
]

describe.runIf(process.env.CI === 'true')('CI has every tool .ci/run installs', () => {
  it.each(required)('%s', (name, present) => {
    expect(present(), `${name} is missing: .ci/run's install step failed`).toBe(true)
  })
})

/**
 * Regenerates tests/fixtures/s3ec/ruby-*.json: starts the emulator's HTTP host, lets the real Ruby S3 Encryption
 * Client write objects through it, and stores what it wrote. Run: npx tsx tests/interop/regenerate-ruby-fixtures.mts
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../helpers/server'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const running = await startEmulator()
try {
  // Asynchronous: the emulator serves from this same process, so a synchronous child would deadlock it.
  const { stdout } = await promisify(execFile)('ruby', [
    here('./ruby-s3ec.rb'),
    'write',
    running.endpoint,
    here('../fixtures/s3ec'),
  ])
  process.stdout.write(stdout)
} finally {
  await running.close()
}

/**
 * `npm run aws -- <aws arguments>`: the playground's simulated aws CLI in a real terminal. It talks to an
 * emulator in this process whose state lives in a folder (`--data-dir`, default .playground-data), or to
 * any endpoint given with `--endpoint-url`, and reads and writes real files in the current directory.
 *
 *   npm run aws -- s3 mb s3://my-s3-bucket
 *   npm run aws -- s3api head-object --bucket my-s3-bucket --key testfile.txt
 */
import './quiet-node-support-warning'
import { createEmulator } from '../lib/emulator/create-emulator'
import { createEmulatorServer, listen } from '../lib/adapters/node-http/server'
import { attachPersistence, DamagedState } from '../lib/adapters/node-http/persistence'
import { NodeFileSystem } from '../lib/adapters/node-fs/file-system'
import { runAws } from '../lib/cli/aws/main'
import { createClients, emulatorTarget } from '../lib/sdk/clients'

const args = process.argv.slice(2)
let dataDir = process.env.PLAYGROUND_DATA_DIR ?? '.playground-data'
const at = args.indexOf('--data-dir')
if (at >= 0) {
  dataDir = args[at + 1] ?? dataDir
  args.splice(at, 2)
}

const external = args.some((a) => a === '--endpoint-url' || a.startsWith('--endpoint-url='))
let close = async () => {}
let endpoint = 'http://127.0.0.1:0'
if (!external) {
  const emulator = createEmulator()
  const persistence = await attachPersistence(emulator, dataDir).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    process.stderr.write(
      `${error instanceof DamagedState ? error.message : `cannot use the data dir ${dataDir}: ${code ?? (error as Error).name}`}\n`,
    )
    process.exit(255)
  })
  const server = createEmulatorServer(emulator)
  endpoint = `http://127.0.0.1:${await listen(server, { port: 0, host: '127.0.0.1' })}`
  close = async () => {
    await persistence.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

const target = emulatorTarget(endpoint)
const cache = new Map<string, ReturnType<typeof createClients>>()
const code = await runAws(
  args,
  {
    vfs: new NodeFileSystem(),
    config: {},
    clients: ({ endpointUrl, region }) => {
      const t = { ...target, ...(endpointUrl ? { endpoint: endpointUrl } : {}), ...(region ? { region } : {}) }
      const id = `${t.endpoint}|${t.region}`
      if (!cache.has(id)) cache.set(id, createClients(t))
      return cache.get(id)!
    },
  },
  { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
)
await close()
process.exit(code)

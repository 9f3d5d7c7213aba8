/** Starts the emulator's real HTTP host on a free loopback port for a test file. */
import type { Server } from 'node:http'
import { createEmulatorServer, listen } from '@/lib/adapters/node-http/server'
import { createEmulator, type Emulator, type EmulatorOptions } from '@/lib/emulator/create-emulator'

export interface RunningEmulator {
  emulator: Emulator
  endpoint: string
  close(): Promise<void>
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options)
  const server: Server = createEmulatorServer(emulator)
  const port = await listen(server, { port: 0, host: '127.0.0.1' })
  return {
    emulator,
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Fake credentials: the emulator does not verify signatures, but the SDK insists on signing. */
export const testCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}

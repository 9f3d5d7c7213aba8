/**
 * The scratchpad's Web Worker, the only place user code is run (with `new Function`). It is started from a
 * blob: URL by the sandbox document (scripts/scratchpad-sandbox.mjs), whose policy it inherits: no network,
 * no script loading. Its `fetch` is forwarded to the page over the MessagePort the page handed it
 * (lib/scratchpad/forward.ts); the page sends only requests to the chosen target.
 */
import * as clientS3 from '@aws-sdk/client-s3'
import * as clientKms from '@aws-sdk/client-kms'
import { formatArgs, formatValue, type ConsoleLevel } from '@/lib/scratchpad/format'
import { forwardingFetch } from '@/lib/scratchpad/forward'
import { makeRequire, preconfigured, runProgram } from '@/lib/scratchpad/program'
import { installDomParserShim } from '@/lib/scratchpad/xml-dom-shim'
import type { FromWorker, ToWorker } from './scratchpad-protocol'

/** The parts of DedicatedWorkerGlobalScope used here (the project's TS lib is DOM, not webworker). */
interface WorkerScope {
  fetch: typeof fetch
  onmessage: ((event: MessageEvent<{ type: 'connect' }>) => void) | null
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void
}
const scope = self as unknown as WorkerScope
// The SDK's browser build parses XML with DOMParser, which workers lack.
installDomParserShim(self as unknown as Record<string, unknown>)

let port: MessagePort | undefined
const post = (message: FromWorker, transfer: Transferable[] = []) => port?.postMessage(message, transfer)
const forward = forwardingFetch((request) => post({ type: 'fetch', request }, request.body ? [request.body] : []))
scope.fetch = forward.fetch

const consoleFor = () => {
  const line =
    (level: ConsoleLevel) =>
    (...args: unknown[]) =>
      post({ type: 'console', level, text: formatArgs(args) })
  return { log: line('log'), info: line('info'), warn: line('warn'), error: line('error') }
}

// A promise the program forgot to await still reports its failure.
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault()
  post({ type: 'console', level: 'error', text: `Unhandled rejection: ${formatValue(event.reason)}` })
})

async function run(message: Extract<ToWorker, { type: 'run' }>) {
  const modules = {
    '@aws-sdk/client-s3': preconfigured(clientS3, 'S3Client', message.s3),
    '@aws-sdk/client-kms': preconfigured(clientKms, 'KMSClient', message.kms),
  }
  try {
    await runProgram(message.js, {
      require: makeRequire(modules),
      console: consoleFor(),
      s3: new clientS3.S3Client(message.s3),
      kms: new clientKms.KMSClient(message.kms),
    })
    post({ type: 'done' })
  } catch (error) {
    post({ type: 'failed', text: formatValue(error) })
  }
}

// The sandbox hands over the page's port once; everything after goes over it.
scope.onmessage = (event) => {
  const [given] = event.ports
  if (port || event.data?.type !== 'connect' || !given) return
  port = given
  port.onmessage = (e: MessageEvent<ToWorker>) => {
    const message = e.data
    if (message.type === 'response') forward.receive(message.response)
    else if (message.type === 'run') void run(message)
  }
}

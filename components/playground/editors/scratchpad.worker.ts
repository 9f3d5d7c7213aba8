/**
 * The scratchpad's Web Worker: a same-origin script (so a CSP can allow it with `worker-src 'self'`), the
 * only place user code is run with `new Function`. Its `fetch` is forwarded to the page (lib/scratchpad/forward.ts).
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
  postMessage(message: unknown, transfer: Transferable[]): void
  fetch: typeof fetch
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void
}
const scope = self as unknown as WorkerScope
// The SDK's browser build parses XML with DOMParser, which workers lack.
installDomParserShim(self as unknown as Record<string, unknown>)
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer)
const nativeFetch = scope.fetch.bind(scope)
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

async function probe(url: string) {
  try {
    const response = await nativeFetch(url)
    post({
      type: 'probe',
      answered: true,
      detail: `${response.status} ${response.headers.get('x-amz-request-id') ? 'from the emulator' : ''}`.trim(),
    })
  } catch (error) {
    post({ type: 'probe', answered: false, detail: error instanceof Error ? error.message : String(error) })
  }
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'response') return forward.receive(message.response)
  if (message.type === 'probe') return probe(message.url)
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

'use client'
/**
 * The SDK scratchpad: TypeScript or JavaScript in Monaco, emitted by Monaco's own TypeScript worker, run in
 * a Web Worker inside a sandboxed iframe (no network of its own: docs/security.md) with @aws-sdk/client-s3
 * and client-kms set up for the current target, stopped after a timeout. Loaded lazily (Monaco).
 */
import { useEffect, useRef, useState } from 'react'
import { EXAMPLES, SCRATCHPAD_AMBIENT } from '@/lib/scratchpad/examples'
import { formatValue, type ConsoleLine } from '@/lib/scratchpad/format'
import { answer, type WireResponse } from '@/lib/scratchpad/forward'
import { allowedForTarget } from '@/lib/scratchpad/target-hosts'
import { IGNORED_DIAGNOSTICS, SCRATCHPAD_COMPILER_OPTIONS } from '@/lib/scratchpad/program'
import { DEFAULT_TIMEOUT_MS, runWithTimeout, timeoutMessage } from '@/lib/scratchpad/timeout'
import { currentTarget, describeTarget, sdkClientConfig, type SdkClientConfig } from '@/lib/sdk/target-config'
import { MonacoEditor } from './MonacoEditor'
import { monaco, typescript } from './monaco'
import type { FromWorker, ToWorker } from './scratchpad-protocol'

type Language = 'typescript' | 'javascript'

let configured = false
function configureTypeScript() {
  if (configured) return
  configured = true
  for (const defaults of [typescript.typescriptDefaults, typescript.javascriptDefaults]) {
    defaults.setCompilerOptions({
      ...SCRATCHPAD_COMPILER_OPTIONS,
      target: typescript.ScriptTarget.ES2020,
      module: typescript.ModuleKind.CommonJS,
      lib: [...SCRATCHPAD_COMPILER_OPTIONS.lib],
      allowJs: true,
      checkJs: false,
    })
    defaults.setDiagnosticsOptions({
      noSemanticValidation: false,
      noSyntaxValidation: false,
      diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS,
    })
    defaults.addExtraLib(SCRATCHPAD_AMBIENT, 'inmemory://playground/scratchpad-globals.d.ts')
    defaults.setEagerModelSync(true)
  }
}

/**
 * JavaScript for the worker, from Monaco's TypeScript service (the same compiler that draws the squiggles).
 * TypeScript cannot emit a .js file over itself, so JavaScript is emitted from a hidden .ts copy (its type
 * errors never block the emit).
 */
async function emit(model: monaco.editor.ITextModel, language: Language): Promise<string> {
  let source = model
  if (language === 'javascript') {
    const uri = monaco.Uri.parse('inmemory://playground/scratchpad/javascript-emit.ts')
    source = monaco.editor.getModel(uri) ?? monaco.editor.createModel('', 'typescript', uri)
    source.setValue(model.getValue())
  }
  const getWorker = await typescript.getTypeScriptWorker()
  const client = await getWorker(source.uri)
  const output = await client.getEmitOutput(source.uri.toString())
  const js = output.outputFiles.find((f) => f.name.endsWith('.js'))
  if (!js) throw new Error('TypeScript produced no JavaScript for this program.')
  return js.text
}

/** Where the sandbox document is (scripts/scratchpad-sandbox.mjs writes it into public/). */
const SANDBOX_URL = '/scratchpad-sandbox.html'

/**
 * Runs user code in the sandbox: a hidden <iframe sandbox="allow-scripts"> whose policy shuts every network
 * path, holding the worker. The worker talks to the page over a MessagePort; its requests are sent by the
 * page (through the MSW service worker to this page's emulator, or to the real target) only when they are
 * addressed to the chosen target; anything else gets a network error, unsent. Removing the iframe ends it.
 */
function startSandbox(
  onLine: (line: ConsoleLine) => void,
  target: { service: 's3' | 'kms'; config: SdkClientConfig }[],
) {
  const iframe = document.createElement('iframe')
  iframe.setAttribute('sandbox', 'allow-scripts')
  iframe.setAttribute('aria-hidden', 'true')
  iframe.tabIndex = -1
  iframe.title = 'SDK scratchpad sandbox'
  iframe.hidden = true
  iframe.dataset.testid = 'scratchpad-sandbox'
  iframe.src = SANDBOX_URL
  const channel = new MessageChannel()
  const port = channel.port1
  const send = (message: ToWorker, transfer: Transferable[] = []) => port.postMessage(message, transfer)
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject }
  })
  const onWindowMessage = (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow) return
    if (event.data?.type === 'sandbox-ready') iframe.contentWindow!.postMessage({ type: 'start' }, '*', [channel.port2])
    else if (event.data?.type === 'worker-error') settle?.reject(new Error(String(event.data.message)))
  }
  window.addEventListener('message', onWindowMessage)
  port.onmessage = async (event: MessageEvent<FromWorker>) => {
    const message = event.data
    if (message.type === 'console') onLine({ level: message.level, text: message.text })
    else if (message.type === 'fetch') {
      const { request } = message
      // Sent from the page, so the MSW service worker answers it from this page's emulator (and the inspector sees it).
      const response = allowedForTarget(request.url, target)
        ? await answer(request, (r) => fetch(r))
        : refused(request.id, request.url)
      send({ type: 'response', response }, response.body ? [response.body] : [])
    } else if (message.type === 'done') settle?.resolve()
    else if (message.type === 'failed') settle?.reject(new Error(message.text))
  }
  document.body.appendChild(iframe)
  const terminate = () => {
    window.removeEventListener('message', onWindowMessage)
    port.close()
    iframe.remove()
  }
  return { send, done, terminate }
}

const refused = (id: number, url: string): WireResponse => ({
  id,
  status: 0,
  statusText: '',
  headers: [],
  error: `the scratchpad sends requests only to the chosen target, not to ${safeOrigin(url)}`,
})
const safeOrigin = (url: string) => {
  try {
    return new URL(url).origin
  } catch {
    return 'that address'
  }
}

export default function Scratchpad() {
  const [language, setLanguage] = useState<Language>('typescript')
  const [source, setSource] = useState(EXAMPLES[0]!.source)
  const [lines, setLines] = useState<ConsoleLine[]>([])
  const [running, setRunning] = useState<{ stop: () => void }>()
  const [timeoutSeconds, setTimeoutSeconds] = useState(DEFAULT_TIMEOUT_MS / 1000)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined)
  const consoleEnd = useRef<HTMLDivElement>(null)
  configureTypeScript()

  // A block body: newer Chromium returns a Promise from scrollIntoView, and React would call it as a cleanup.
  useEffect(() => {
    void consoleEnd.current?.scrollIntoView({ block: 'nearest' })
  }, [lines])

  const append = (line: ConsoleLine) => setLines((all) => [...all, line])
  const loadExample = (id: string) => {
    const example = EXAMPLES.find((e) => e.id === id)
    if (!example) return
    setSource(example.source)
    editor.current?.setValue(example.source)
  }

  const run = async () => {
    const model = editor.current?.getModel()
    if (!model || running) return
    setLines([])
    let js: string
    try {
      js = await emit(model, language)
    } catch (error) {
      append({ level: 'error', text: `Could not compile: ${formatValue(error)}` })
      return
    }
    const config = currentTarget.get()
    append({ level: 'info', text: `Running on ${describeTarget(config)}…` })
    const s3 = sdkClientConfig(config, 's3')
    const kms = sdkClientConfig(config, 'kms')
    const started = startSandbox(append, [
      { service: 's3', config: s3 },
      { service: 'kms', config: kms },
    ])
    setRunning({ stop: started.terminate })
    started.send({ type: 'run', js, s3, kms })
    const outcome = await runWithTimeout(started, timeoutSeconds * 1000)
    if (outcome.kind === 'timed-out') append({ level: 'error', text: timeoutMessage(timeoutSeconds * 1000) })
    else if (outcome.kind === 'failed') append({ level: 'error', text: `Uncaught ${outcome.error}` })
    else append({ level: 'info', text: `Finished in ${(outcome.ms / 1000).toFixed(2)} s.` })
    started.terminate()
    setRunning(undefined)
  }

  return (
    <div className="flex h-full min-h-0 flex-col gap-2 p-2" data-testid="scratchpad">
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <button
          type="button"
          id="scratchpad-run"
          onClick={() => void run()}
          disabled={!!running}
          className="rounded border border-[var(--border)] bg-[var(--panel)] px-3 py-1 font-semibold"
          aria-keyshortcuts="Control+Enter"
        >
          ▶ Run
        </button>
        {running && (
          <button type="button" onClick={running.stop} className="rounded border border-[var(--border)] px-3 py-1">
            ■ Stop
          </button>
        )}
        <label className="flex flex-col text-xs">
          Language
          <select
            className="rounded border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm"
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
          >
            <option value="typescript">TypeScript</option>
            <option value="javascript">JavaScript</option>
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Example
          <select
            className="rounded border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm"
            value=""
            onChange={(e) => loadExample(e.target.value)}
          >
            <option value="">Load an example…</option>
            {EXAMPLES.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Timeout (s)
          <input
            type="number"
            min={1}
            max={120}
            value={timeoutSeconds}
            onChange={(e) => setTimeoutSeconds(Math.min(120, Math.max(1, Number(e.target.value) || 1)))}
            className="w-20 rounded border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm"
          />
        </label>
      </div>
      <MonacoEditor
        path={`/scratchpad/program.${language === 'typescript' ? 'ts' : 'js'}`}
        language={language}
        value={source}
        onChange={setSource}
        label="SDK scratchpad program"
        onReady={(ed) => {
          editor.current = ed
          ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () =>
            document.getElementById('scratchpad-run')?.click(),
          )
        }}
        className="min-h-[14rem] flex-[3] rounded border border-[var(--border)]"
      />
      <div
        role="log"
        aria-label="Scratchpad console"
        aria-live="polite"
        data-testid="scratchpad-console"
        className="min-h-[6rem] flex-[2] overflow-auto rounded border border-[var(--border)] bg-[var(--term-bg)] p-2 font-mono text-xs text-[var(--term-fg)]"
      >
        {lines.length === 0 && <p className="opacity-70">Console output appears here. Ctrl+Enter runs the program.</p>}
        {lines.map((line, i) => (
          <pre
            key={i}
            data-level={line.level}
            className={`whitespace-pre-wrap break-words ${line.level === 'error' ? 'text-red-300' : line.level === 'warn' ? 'text-amber-300' : line.level === 'info' ? 'text-sky-300' : ''}`}
          >
            {line.text}
          </pre>
        ))}
        <div ref={consoleEnd} />
      </div>
    </div>
  )
}

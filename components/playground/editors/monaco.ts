'use client'
/**
 * Monaco from the npm package, never a CDN. Only the lazily loaded editor components import this file, so
 * no page pays for Monaco until an editor opens. Workers are bundled by Turbopack from `new URL(…,
 * import.meta.url)` and served from our own origin as module workers (a CSP needs `worker-src 'self'`).
 */
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/typescript/register'
import 'monaco-editor/languages/definitions/javascript/register'
import { jsonDefaults } from 'monaco-editor/languages/features/json/register'
import * as typescript from 'monaco-editor/languages/features/typescript/register'

declare global {
  var MonacoEnvironment: monaco.Environment | undefined
}

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'json')
      return new Worker(new URL('monaco-editor/languages/features/json/json.worker', import.meta.url), {
        type: 'module',
        name: 'monaco-json',
      })
    if (label === 'typescript' || label === 'javascript')
      return new Worker(new URL('monaco-editor/languages/features/typescript/ts.worker', import.meta.url), {
        type: 'module',
        name: 'monaco-typescript',
      })
    return new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), {
      type: 'module',
      name: 'monaco-editor',
    })
  },
}

export { monaco, jsonDefaults, typescript }

const isDark = () => document.documentElement.classList.contains('dark')

/** Follows the site's theme toggle (DisplayToggles dispatches `display-change`). */
export function followTheme(): () => void {
  const apply = () => monaco.editor.setTheme(isDark() ? 'vs-dark' : 'vs')
  apply()
  window.addEventListener('display-change', apply)
  return () => window.removeEventListener('display-change', apply)
}

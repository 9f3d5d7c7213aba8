'use client'

import { useEffect, useRef } from 'react'
import { followTheme, monaco } from './monaco'

export interface MonacoEditorProps {
  /** The model's URI path, e.g. `/bucket-policy/my-bucket.json`: JSON schemas are matched against it. */
  path: string
  language: 'json' | 'typescript' | 'javascript'
  value: string
  onChange?: (value: string) => void
  onReady?: (editor: monaco.editor.IStandaloneCodeEditor) => void
  label: string
  className?: string
}

/** A thin React wrapper around one Monaco editor and its model; the value is read on mount and on `path` changes. */
export function MonacoEditor({ path, language, value, onChange, onReady, label, className = '' }: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined)
  const changed = useRef(onChange)
  const ready = useRef(onReady)
  useEffect(() => {
    changed.current = onChange
    ready.current = onReady
  })

  useEffect(() => {
    const uri = monaco.Uri.parse(`inmemory://playground${path}`)
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, language, uri)
    if (model.getValue() !== value) model.setValue(value)
    const ed = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      tabSize: 2,
      ariaLabel: label,
      fixedOverflowWidgets: true,
      quickSuggestions: { strings: true, other: true, comments: false },
    })
    editor.current = ed
    const unfollow = followTheme()
    const sub = model.onDidChangeContent(() => changed.current?.(model.getValue()))
    ready.current?.(ed)
    return () => {
      sub.dispose()
      unfollow()
      ed.dispose()
      model.dispose()
    }
    // The value is only the initial content of a new path; later edits live in the model.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, language])

  return <div ref={host} className={`min-h-0 ${className}`} data-testid="monaco-host" />
}

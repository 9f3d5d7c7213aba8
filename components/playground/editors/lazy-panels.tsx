'use client'

import dynamic from 'next/dynamic'

const loading = (what: string) =>
  function Loading() {
    return <p className="p-2 text-sm">Loading the {what}…</p>
  }

/**
 * The Editors and SDK scratchpad tabs, each loaded when it opens: the side panels import only this file,
 * so Monaco, the schemas and the SDK calls they make stay out of every page's first load.
 */
export const LazyEditorsPanel = dynamic(() => import('./EditorsPanel').then((m) => m.EditorsPanel), {
  ssr: false,
  loading: loading('editors'),
})
export const ScratchpadPanel = dynamic(() => import('./Scratchpad'), { ssr: false, loading: loading('scratchpad') })

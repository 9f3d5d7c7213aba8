'use client'

import { useState } from 'react'
import { DecryptCommand } from '@aws-sdk/client-kms'
import { Tabs, type Tab } from '@/components/layout/Tabs'
import { LazyEditorsPanel, ScratchpadPanel } from './editors/lazy-panels'
import { Inspector } from './Inspector'
import { AuditPanel } from './panels/AuditPanel'
import { BucketsPanel } from './panels/BucketsPanel'
import { FilesPanel } from './panels/FilesPanel'
import { KeysPanel } from './panels/KeysPanel'
import { PolicyPanel } from './panels/PolicyPanel'
import { StoragePanel, type Selection } from './panels/StoragePanel'
import { CorsDoctorPanel } from './panels/CorsDoctorPanel'
import { BrowserPostPanel } from './panels/BrowserPostPanel'
import type { Runtime } from './runtime'

/** Buckets, Keys, Audit, Policy and Storage (and the inspector, where there is no room for it beside the terminal). */
export function SidePanels({
  runtime,
  withInspector = false,
  className = '',
}: {
  runtime: Runtime
  withInspector?: boolean
  className?: string
}) {
  const [tab, setTab] = useState(withInspector ? 'inspector' : 'buckets')
  const [selection, setSelection] = useState<Selection>()
  const { emulator } = runtime
  // The walkthrough's KMS Decrypt goes out like the learner's own calls: through the SDK, the inspector and CloudTrail.
  const kmsDecrypt = async (blob: Uint8Array, context: Record<string, string>) => {
    const out = await runtime.session.shell.aws
      .clients({ profile: 'emulator' })
      .kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }))
    if (!out.Plaintext) throw new Error('KMS returned no plaintext')
    return out.Plaintext
  }
  const showStorage = (bucket: string, key: string, versionId?: string) => {
    setSelection({ bucket, key, ...(versionId !== undefined ? { versionId } : {}) })
    setTab('storage')
  }
  const tabs: Tab[] = [
    ...(withInspector
      ? [
          {
            id: 'inspector',
            label: 'Inspector',
            render: () => (
              <Inspector log={runtime.log} policies={runtime.policies} className="h-full" encryptionFirst />
            ),
          },
        ]
      : []),
    { id: 'buckets', label: 'Buckets', render: () => <BucketsPanel emulator={emulator} onShowStorage={showStorage} /> },
    { id: 'keys', label: 'Keys', render: () => <KeysPanel emulator={emulator} /> },
    { id: 'audit', label: 'Audit', render: () => <AuditPanel emulator={emulator} /> },
    { id: 'policy', label: 'Policy', render: () => <PolicyPanel emulator={emulator} policies={runtime.policies} /> },
    { id: 'cors', label: 'CORS', render: () => <CorsDoctorPanel runtime={runtime} /> },
    { id: 'form-upload', label: 'Form upload', render: () => <BrowserPostPanel runtime={runtime} /> },
    { id: 'files', label: 'Files', render: () => <FilesPanel runtime={runtime} /> },
    { id: 'editors', label: 'Editors', render: () => <LazyEditorsPanel runtime={runtime} /> },
    { id: 'scratchpad', label: 'SDK scratchpad', render: () => <ScratchpadPanel /> },
    {
      id: 'storage',
      label: 'Storage',
      render: () => (
        <StoragePanel emulator={emulator} selection={selection} onSelect={setSelection} kmsDecrypt={kmsDecrypt} />
      ),
    },
  ]
  return (
    <Tabs
      label="Playground panels"
      tabs={tabs}
      selected={tab}
      onSelect={setTab}
      className={`rounded border border-[var(--border)] ${className}`}
    />
  )
}

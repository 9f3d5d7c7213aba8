'use client'

import { PlaygroundErrorBoundary } from './ErrorBoundary'
import { usePlayground } from './PlaygroundProvider'
import { CheckpointsMenu } from './state/CheckpointsMenu'
import { DamagedNotice } from './state/DamagedNotice'
import { LessonReset } from './state/LessonReset'
import { ShareButton } from './state/ShareButton'
import { SharedNotice } from './state/SharedNotice'
import { StateBar } from './state/StateBar'
import { TargetControl } from './target/TargetControl'
import { LessonWorkspace, Workspace } from './Workspace'

/** The playground, once the emulator's service worker runs: the full workspace, or a lesson's narrower one. */
export function PlaygroundPanel({ className = '', layout = 'lesson', lesson }: { className?: string; layout?: 'lesson' | 'workspace'; lesson?: { slug: string; title: string } }) {
  const { status } = usePlayground()
  if (status.state === 'starting') {
    return (
      <div className={`flex items-center justify-center bg-[var(--panel)] p-6 text-sm ${className}`} role="status">
        Starting the S3 emulator in your browser…
      </div>
    )
  }
  if (status.state === 'error') {
    return (
      <div className={`bg-[var(--panel)] p-6 text-sm ${className}`} role="alert">
        <p className="font-semibold">The in-browser emulator could not start.</p>
        <p className="mt-2">{status.message}</p>
        <p className="mt-2">
          It needs a service worker, which browsers allow only on https:// or on localhost. Open the site through one of those, and
          make sure service workers are not blocked (private windows sometimes block them).
        </p>
      </div>
    )
  }
  const { runtime } = status
  return (
    <div className={`flex min-h-0 flex-col gap-2 ${className}`} data-testid="playground" data-ready="true">
      <PlaygroundErrorBoundary onReset={() => runtime.persistence.reset()}>
        <StateBar
          persistence={runtime.persistence}
          actions={
            <>
              {lesson && <LessonReset runtime={runtime} lesson={lesson} />}
              <CheckpointsMenu checkpoints={runtime.checkpoints} />
              <ShareButton runtime={runtime} />
            </>
          }
        />
        <TargetControl />
        <DamagedNotice persistence={runtime.persistence} />
        <SharedNotice shared={runtime.shared} />
        {layout === 'workspace' ? <Workspace runtime={runtime} /> : <LessonWorkspace runtime={runtime} />}
      </PlaygroundErrorBoundary>
    </div>
  )
}

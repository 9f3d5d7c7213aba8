'use client'

import { PlaygroundErrorBoundary } from './ErrorBoundary'
import { CheckpointsMenu } from './state/CheckpointsMenu'
import { DamagedNotice } from './state/DamagedNotice'
import { LessonReset } from './state/LessonReset'
import { ShareButton } from './state/ShareButton'
import { SharedNotice } from './state/SharedNotice'
import { StateBar } from './state/StateBar'
import { TargetControl } from './target/TargetControl'
import { LessonWorkspace, Workspace } from './Workspace'
import type { Runtime } from './runtime'

/** The playground once its runtime is up (loaded on demand by PlaygroundPanel: it pulls in the terminal, panels and state tools). */
export default function PlaygroundReady({
  runtime,
  className,
  layout,
  lesson,
}: {
  runtime: Runtime
  className: string
  layout: 'lesson' | 'workspace'
  lesson?: { slug: string; title: string }
}) {
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

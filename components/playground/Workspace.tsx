'use client'

import { SplitPane } from '@/components/layout/SplitPane'
import { useMediaQuery, usePresenter } from '@/components/layout/use-browser-state'
import { Inspector } from './Inspector'
import { SidePanels } from './SidePanels'
import { Terminal } from './Terminal'
import type { Runtime } from './runtime'

const PANE = 'h-full overflow-hidden rounded border border-[var(--border)]'
const LG = '(min-width: 1024px)'

/** The free playground: terminal beside the inspector, side panels on the right; stacked on narrow screens. */
export function Workspace({ runtime }: { runtime: Runtime }) {
  const roomy = useMediaQuery('(min-width: 1400px)')
  const main = (
    <SplitPane
      id={roomy ? 'terminal-inspector-row' : 'terminal-inspector-column'}
      direction={roomy ? 'row' : 'column'}
      initial={roomy ? 55 : 50}
      label="Resize the terminal and the inspector"
      wide={LG}
      stacked={['h-[55vh]', 'h-[60vh]']}
      className="h-full"
      first={<Terminal runtime={runtime} className={PANE} />}
      second={<Inspector log={runtime.log} policies={runtime.policies} className={PANE} />}
    />
  )
  return (
    <SplitPane
      id="workspace-side"
      direction="row"
      initial={66}
      min={35}
      label="Resize the side panels"
      wide={LG}
      stacked={['', 'h-[70vh]']}
      className="min-h-0 flex-1"
      first={main}
      second={<SidePanels runtime={runtime} className="h-full" />}
    />
  )
}

/**
 * A lesson's playground: the terminal above the panels (the inspector first among them). Presenter mode's large type
 * needs more room for the inspector's encryption-only view, so its split starts lower and is remembered apart.
 */
export function LessonWorkspace({ runtime }: { runtime: Runtime }) {
  const presenter = usePresenter()
  return (
    <SplitPane
      id={presenter ? 'lesson-presenter' : 'lesson'}
      direction="column"
      initial={presenter ? 30 : 45}
      label="Resize the terminal and the panels"
      wide={LG}
      stacked={['h-[50vh]', 'h-[65vh]']}
      className="min-h-0 flex-1"
      first={<Terminal runtime={runtime} className={PANE} />}
      second={<SidePanels runtime={runtime} withInspector className="h-full" />}
    />
  )
}

'use client'
/**
 * A lesson's live state: its spec, each goal checked against the running emulator (again after every
 * request and every command), and the learner's progress. A step whose goals all hold is recorded as done.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { usePlayground } from '@/components/playground/PlaygroundProvider'
import { useEmulatorVersion } from '@/components/playground/use-emulator'
import type { Runtime } from '@/components/playground/runtime'
import type { GoalResult, GoalWorld } from '@/lib/lessons/goals'
import { completeStep, type LessonProgress } from '@/lib/lessons/progress'
import type { LessonSpec } from '@/lib/lessons/types'
import { updateProgress, useProgress } from './progress-store'

interface LessonState {
  spec: LessonSpec
  /** Step id → its goals' results; undefined until the emulator runs. */
  goals?: Record<string, GoalResult[]>
  progress: LessonProgress
}

const LessonContext = createContext<LessonState | undefined>(undefined)

export const useLesson = () => useContext(LessonContext)

export const worldOf = (runtime: Runtime): GoalWorld => ({
  emulator: runtime.emulator,
  files: runtime.session.shell.vfs,
  env: runtime.session.shell.env,
  history: runtime.session.shell.history,
})

function LiveGoals({
  spec,
  runtime,
  children,
}: {
  spec: LessonSpec
  runtime: Runtime
  children: (goals: Record<string, GoalResult[]> | undefined) => ReactNode
}) {
  const version = useEmulatorVersion(runtime.emulator)
  // The checks load with the runtime (they read the emulator's state), not with the page.
  const [checks, setChecks] = useState<typeof import('@/lib/lessons/goals')>()
  useEffect(() => {
    void import('@/lib/lessons/goals').then(setChecks)
  }, [])
  // Recomputed on every change the emulator or the terminal reports (version).
  const goals = useMemo(() => {
    void version
    if (!checks) return undefined
    const world = worldOf(runtime)
    return Object.fromEntries(spec.steps.map((s) => [s.id, checks.evaluateGoals(s.goals, world)]))
  }, [spec, runtime, version, checks])
  useEffect(() => {
    if (!goals) return
    for (const step of spec.steps) {
      const results = goals[step.id]!
      if (results.length && results.every((r) => r.met)) updateProgress((p) => completeStep(p, spec.slug, step.id))
    }
  }, [goals, spec])
  return children(goals)
}

export function LessonProvider({ spec, children }: { spec: LessonSpec; children: ReactNode }) {
  const { status } = usePlayground()
  const all = useProgress()
  const progress = all.lessons[spec.slug] ?? { steps: {}, quiz: {} }
  if (status.state !== 'ready')
    return <LessonContext.Provider value={{ spec, progress }}>{children}</LessonContext.Provider>
  return (
    <LiveGoals spec={spec} runtime={status.runtime}>
      {(goals) => (
        <LessonContext.Provider value={{ spec, progress, ...(goals ? { goals } : {}) }}>
          {children}
        </LessonContext.Provider>
      )}
    </LiveGoals>
  )
}

import { PlaygroundProvider } from '@/components/playground/PlaygroundProvider'
import { PlaygroundPanel } from '@/components/playground/PlaygroundPanel'

export const metadata = { title: 'Playground' }

export default function PlaygroundPage() {
  return (
    <PlaygroundProvider>
      <div className="mx-auto max-w-[1600px] px-4 py-4">
        <h1 className="sr-only">Playground</h1>
        <PlaygroundPanel layout="workspace" className="lg:h-[calc(100vh-5rem)]" />
      </div>
    </PlaygroundProvider>
  )
}

'use client'

import { useRef, useState, useSyncExternalStore, type DragEvent } from 'react'
import { fileTree } from '@/lib/cli/shell/file-import'
import { HOME } from '@/lib/cli/shell/vfs'
import { downloadFile, importsOf, type FileImport } from '../files/imports'
import type { Runtime } from '../runtime'
import { useEmulatorVersion } from '../use-emulator'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'
const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`
const shown = (path: string) =>
  path === HOME ? '~' : path.startsWith(HOME + '/') ? `~/${path.slice(HOME.length + 1)}` : path

function Progress({ job }: { job: FileImport }) {
  const percent = job.total ? Math.round((job.read / job.total) * 100) : 100
  return (
    <li className="py-1" data-testid="file-import" data-state={job.state} data-updates={job.updates}>
      <div className="flex justify-between gap-2 text-xs">
        <span className="truncate font-mono">{shown(job.path)}</span>
        <span>
          {job.state === 'failed'
            ? `failed: ${job.error}`
            : job.state === 'done'
              ? `${size(job.total)} in ${((job.ms ?? 0) / 1000).toFixed(1)} s`
              : `${size(job.read)} of ${size(job.total)}`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`Reading ${job.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 rounded bg-[var(--panel)]"
      >
        <div
          className={`h-2 rounded ${job.state === 'failed' ? 'bg-red-700 dark:bg-red-300' : 'bg-[var(--accent)]'}`}
          style={{ width: `${percent}%` }}
        />
      </div>
    </li>
  )
}

/**
 * The terminal's files: drop real files in (or choose them), with a progress bar while large ones are
 * read, and download any file out.
 */
export function FilesPanel({ runtime }: { runtime: Runtime }) {
  useEmulatorVersion(runtime.emulator)
  const imports = importsOf(runtime)
  const jobs = useSyncExternalStore(imports.subscribe, imports.all, imports.all)
  const [over, setOver] = useState(false)
  const picker = useRef<HTMLInputElement>(null)
  const { vfs } = runtime.session.shell
  const tree = fileTree(vfs, HOME)
  const add = (files: FileList | null | undefined) => {
    if (files?.length) void imports.add(runtime, Array.from(files))
  }
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    add(e.dataTransfer.files)
  }

  return (
    <div className="flex flex-col gap-2 p-2 text-sm">
      <div
        data-testid="file-drop"
        onDragOver={(e) => {
          e.preventDefault()
          e.dataTransfer.dropEffect = 'copy'
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`rounded border-2 border-dashed p-3 text-center ${over ? 'border-[var(--accent)] bg-[var(--panel)]' : 'border-[var(--border)]'}`}
      >
        <p>
          Drop files here to copy them into <span className="font-mono">{shown(vfs.cwd)}</span>, the terminal&apos;s
          working directory.
        </p>
        <button type="button" className={`${button} mt-1`} onClick={() => picker.current?.click()}>
          Choose files…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Files to copy into the terminal"
          onChange={(e) => (add(e.target.files), (e.target.value = ''))}
        />
        <p className="mt-1 text-xs text-[var(--muted)]">
          They stay in this browser. Then, for example: aws s3 cp FILE s3://bucket/ --sse aws:kms
        </p>
      </div>
      {jobs.length > 0 && (
        <section aria-label="Files being copied in">
          <div className="flex items-center justify-between">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">Copying in</h3>
            <button type="button" className={button} onClick={() => imports.clearFinished()}>
              Clear finished
            </button>
          </div>
          <ul aria-live="polite">
            {jobs.map((j) => (
              <Progress key={j.id} job={j} />
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Files in the terminal">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">Files in ~</h3>
        {tree.length === 0 ? (
          <p className="text-xs text-[var(--muted)]">
            No files yet. Drop one above, or make one in the terminal: echo hello &gt; hello.txt
          </p>
        ) : (
          <ul>
            {tree.map((f) => (
              <li
                key={f.path}
                className="flex items-center gap-2 border-b border-[var(--border)] py-0.5 font-mono text-xs"
                style={{ paddingLeft: `${f.depth}rem` }}
                data-testid="vfs-entry"
              >
                <span className="min-w-0 flex-1 truncate">
                  {f.path.slice(f.path.lastIndexOf('/') + 1)}
                  {f.dir ? '/' : ''}
                </span>
                {!f.dir && <span className="text-[var(--muted)]">{size(f.size)}</span>}
                {!f.dir && (
                  <button
                    type="button"
                    className={button}
                    aria-label={`Download ${shown(f.path)}`}
                    onClick={() => downloadFile(vfs.read(f.path), f.path.slice(f.path.lastIndexOf('/') + 1))}
                  >
                    Download
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

/**
 * aws s3 sync: copy what is new or changed (by size, or by a newer modification time), optionally
 * deleting what the source no longer has (awscli/customizations/s3/syncstrategy).
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import { EXIT } from '../usage'
import { send } from '../send'
import { TRANSFER_OPTIONS } from './cp'
import { filtersFrom, included } from './filters'
import { formatS3Uri, relativePath } from './paths'
import { invalidArgumentType, type S3Command } from './spec'
import { listObjects, locate, plan, runTask, type Location } from './transfer'

const USAGE = 'usage: aws s3 sync <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>'

export const sync: S3Command = {
  name: 'sync',
  positional: { name: 'paths', min: 2, max: 2 },
  options: [...TRANSFER_OPTIONS, { name: '--delete', arity: 'flag' }, { name: '--size-only', arity: 'flag' }],
  async run(p, env, globals, io) {
    const from = locate(p.paths[0]!)
    const to = locate(p.paths[1]!)
    if (from.kind === 'local' && to.kind === 'local') throw invalidArgumentType(USAGE)
    const tasks = await plan(p, env, globals, from, to, true)
    // What the destination has now: S3 keys under the prefix, or local files under the folder.
    const existing = new Map<string, { size: number; modified: Date }>()
    if (to.kind === 's3') {
      const prefix = to.uri.key === '' || to.uri.key.endsWith('/') ? to.uri.key : `${to.uri.key}/`
      for (const o of await listObjects(env, globals, to.uri.bucket, prefix))
        existing.set(o.key, { size: o.size, modified: o.modified })
    } else if (env.vfs.isDir(to.path)) {
      const walkDir = (dir: string): void => {
        for (const e of env.vfs.list(dir)) {
          const path = `${dir.replace(/\/$/, '')}/${e.name}`
          if (e.dir) walkDir(path)
          else existing.set(env.vfs.resolve(path), { size: e.size, modified: env.vfs.stat(path).mtime })
        }
      }
      walkDir(to.path)
    }
    const destKey = (l: Location) => (l.kind === 's3' ? l.uri.key : env.vfs.resolve(l.path))
    const verb = from.kind === 'local' ? 'upload' : to.kind === 'local' ? 'download' : 'copy'
    const root =
      to.kind === 's3' ? (to.uri.key === '' ? '' : to.uri.key.replace(/\/?$/, '/')) : env.vfs.resolve(to.path) + '/'
    const relative = (key: string) => (key.startsWith(root) ? key.slice(root.length) : key)
    // aws-cli walks source and destination together in key order, so deletes and copies interleave.
    type Step = { rel: string; task?: (typeof tasks)[number]; deleteKey?: string }
    const steps = new Map<string, Step>()
    for (const task of tasks) steps.set(relative(destKey(task.to)), { rel: relative(destKey(task.to)), task })
    if (p.options.has('--delete')) {
      const filters = filtersFrom(p.args)
      for (const key of existing.keys()) {
        const rel = relative(key)
        if (!steps.has(rel) && included(rel, filters)) steps.set(rel, { rel, deleteKey: key })
      }
    }
    let ok = true
    for (const step of [...steps.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
      if (step.task) {
        const there = existing.get(destKey(step.task.to))
        const changed =
          !there ||
          there.size !== step.task.size ||
          (!p.options.has('--size-only') && (step.task.modified ?? new Date(0)) > there.modified)
        if (changed) ok = (await runTask(verb, step.task, p, env, globals, io)) && ok
        continue
      }
      const key = step.deleteKey!
      const shown = to.kind === 's3' ? formatS3Uri({ bucket: to.uri.bucket, key }) : relativePath(env.vfs, key)
      if (p.options.has('--dryrun')) io.out(`(dryrun) delete: ${shown}\n`)
      else {
        if (to.kind === 's3')
          await send(
            env.clients(globals).s3,
            'DeleteObject',
            new DeleteObjectCommand({ Bucket: to.uri.bucket, Key: key }),
          )
        else env.vfs.remove(key)
        if (!p.options.has('--quiet')) io.out(`delete: ${shown}\n`)
      }
    }
    return ok ? EXIT.ok : EXIT.s3Failure
  },
}

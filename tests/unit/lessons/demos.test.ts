/** Every "how it works" demo runs end to end on real bytes, and its last step shows a refusal. */
import { describe, expect, it } from 'vitest'
import { excerpt } from '@/components/lesson/Source'
import { readFileSync } from 'node:fs'
import { DEMO_STEPS } from '@/lib/lessons/demo-steps'
import { createDemo } from '@/lib/lessons/demos'
import type { DemoMode } from '@/lib/lessons/types'

const TEXT = 'Hello from the S3 encryption playground'
const modes = Object.keys(DEMO_STEPS) as DemoMode[]

describe.each(modes)('demo %s', (mode) => {
  it('each step names a function that exists in the emulator source', () => {
    for (const s of DEMO_STEPS[mode])
      expect(excerpt(readFileSync(s.source.path, 'utf8'), s.source.name, s.source.path)).toContain(s.source.name)
  })

  it('runs in order: the text comes back, then the last step is refused', async () => {
    const demo = createDemo(mode, TEXT)
    const results = []
    for (let i = 0; i < demo.length; i++) results.push(await demo.run(i))
    // SSE-C's refusal (a wrong key's HMAC) comes before the last step; the others end with it.
    const refused = mode === 'sse-c' ? 4 : results.length - 1
    const rest = results.filter((_, i) => i !== refused)
    expect(rest.filter((r) => r.error)).toEqual([])
    expect(rest.flatMap((r) => r.outputs).some((o) => o.name === 'plaintext' && o.value === TEXT)).toBe(true)
    if (mode === 'sse-c') expect(results[refused]!.outputs).toEqual([{ name: 'matches', value: 'false' }])
    else
      expect(results[refused]!.error, 'the last step fails').toMatch(
        {
          'sse-s3': /^DecryptionFailed/,
          overview: /^DecryptionFailed/,
          'dsse-kms': /^DecryptionFailed/,
          'sse-kms': /^KMS\.InvalidCiphertextException/,
          'client-side': /key unwrap failed/,
          'sse-c': /./,
        }[mode],
      )
    // Ciphertext never contains the plaintext.
    for (const o of results.flatMap((r) => r.outputs))
      if (o.value instanceof Uint8Array && o.name.includes('ciphertext'))
        expect(Buffer.from(o.value).toString()).not.toContain(TEXT)
  })
})

/** The README opens with exactly two commands in one code block: serve the static build, then run the tests. */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

it('starts with the serve command and npm test, nothing else', () => {
  const readme = readFileSync('README.md', 'utf8')
  const block = /```sh\n([\s\S]*?)```/.exec(readme)!
  expect(readme.indexOf(block[0])).toBeLessThan(readme.indexOf('\n## '))
  const commands = block[1]!
    .trim()
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
  expect(commands).toEqual(['npm ci && npm run serve', 'npm test'])
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
  expect(pkg.scripts.serve).toBe('node scripts/serve.mjs')
  expect(pkg.scripts.dev).toBeDefined()
  expect(readme).toMatch(/## Contributing[\s\S]*npm run dev/)
})

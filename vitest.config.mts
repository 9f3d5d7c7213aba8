import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    environment: 'node',
    include: [
      'tests/unit/**/*.test.ts',
      'tests/contract/**/*.test.ts',
      'tests/content/**/*.test.ts',
      'tests/conformance/**/*.test.ts',
    ],
    testTimeout: 30_000,
    // The SDK's NodeVersionSupportWarning (Node 20) is about the project's future, not a test's outcome: keep it
    // out of the log. tests/contract/npm-run-aws.test.ts checks users never see it, without this switch.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // CI totals every runner from JSON reports (.ci/summary.mjs).
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON ?? '.ci/out/vitest.json' }]]
      : ['default'],
  },
})

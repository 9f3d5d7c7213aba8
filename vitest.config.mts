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
    // CI's second Node (24) leg runs the core and the contract suites again, but not the suites whose subject is an
    // outside tool (aws-cli, boto3, rclone, s3cmd, the Ruby and Go S3 Encryption Clients): those ran once already on
    // Node 22, and on Node 24 they would test the same tools against the same server a second time.
    exclude: process.env.VITEST_SKIP_TOOL_SUITES
      ? [
          '**/node_modules/**',
          'tests/contract/aws-cli-*.test.ts',
          'tests/contract/kms-aws-cli.test.ts',
          'tests/contract/versioning-clis.test.ts',
          'tests/contract/boto3-*.test.ts',
          'tests/contract/rclone.test.ts',
          'tests/contract/s3cmd.test.ts',
          'tests/contract/s3ec-*-interop.test.ts',
          'tests/contract/presigned-post.test.ts',
          'tests/contract/codegen-run.test.ts',
          'tests/contract/cli-client-side.test.ts',
          'tests/contract/ci-tools.test.ts',
        ]
      : ['**/node_modules/**'],
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

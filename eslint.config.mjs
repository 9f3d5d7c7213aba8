import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

// lib/ is the framework-free core: it must run unchanged in the browser, in Node and in tests.
const frameworks = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'next',
  'next/*',
  '@next/*',
  '@xterm/*',
  'monaco-editor',
  'monaco-editor/*',
]
const ui = ['@/components', '@/components/*', '@/app', '@/app/*', '**/components/*', '**/app/*']
const dom = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'indexedDB',
  'HTMLElement',
]

const restrict = (extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: frameworks, message: 'lib/ may not import React, Next or UI libraries.' },
        { group: ui, message: 'lib/ may not import components/ or app/.' },
        ...extra,
      ],
    },
  ],
  'no-restricted-globals': ['error', ...dom.map((name) => ({ name, message: 'lib/ may not touch the DOM.' }))],
})

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'out/**',
      'public/mockServiceWorker.js',
      'public/emulator-worker.js',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    files: ['lib/**/*.ts'],
    rules: restrict([{ group: ['msw', 'msw/*'], message: 'Only lib/adapters/msw may import msw.' }]),
  },
  { files: ['lib/adapters/msw/**/*.ts'], rules: restrict() },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
]

export default config

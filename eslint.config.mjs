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

// The same names reached through the global object, which no-restricted-globals does not see:
// `globalThis.location`, `(globalThis as T).document`, `self['window']`, `const { location } = globalThis`.
const domNames = `/^(${dom.join('|')})$/`
const globalObject = `/^(globalThis|self|window)$/`
// Up to two casts deep: `(globalThis as unknown as T).location`.
const objectIs = ['object.name', 'object.expression.name', 'object.expression.expression.name']
const viaGlobalObject = [
  ...objectIs.map((path) => `MemberExpression[property.name=${domNames}][${path}=${globalObject}]`),
  ...objectIs.map((path) => `MemberExpression[computed=true][property.value=${domNames}][${path}=${globalObject}]`),
  `VariableDeclarator[init.name=${globalObject}] > ObjectPattern > Property[key.name=${domNames}]`,
  `VariableDeclarator[init.expression.name=${globalObject}] > ObjectPattern > Property[key.name=${domNames}]`,
].map((selector) => ({
  selector,
  message: 'lib/ may not touch the DOM, not even through globalThis: have components/ or an adapter pass the value in.',
}))

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
  'no-restricted-syntax': ['error', ...viaGlobalObject],
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
      // Prettier wraps code at 120; what it cannot wrap (comments, long lines of code) stops at 160. Strings stay
      // whole so that an AWS error text or a usage line can be found with grep.
      'max-len': [
        'error',
        {
          code: 160,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
    },
  },
]

export default config

// The project's linter (`npm run lint`, part of `npm run verify` and so of CI): typescript-eslint's
// recommended rules over the course's own TypeScript, the answer key, its variants and alternatives.
// Student submissions are never linted by the grader.
import eslint from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', '.node/', '**/*.mjs', 'tools/release/template/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Terminal escapes and control characters are matched on purpose: they are stripped from
      // student output before it reaches a report.
      'no-control-regex': 'off',
    },
  },
  // The stubs name the parameters a student will use; they are unused until then.
  { files: ['exercises/*/*.ts'], ignores: ['exercises/*/*.test.ts'], rules: { '@typescript-eslint/no-unused-vars': ['error', { args: 'none' }] } },
  // The bridge carries arbitrary functions of either side by design.
  { files: ['grader/bridge/**/*.ts'], rules: { '@typescript-eslint/no-unsafe-function-type': 'off' } },
  // The report's own script runs in the browser.
  { files: ['grader/report/assets/**/*.js'], languageOptions: { globals: { document: 'readonly', window: 'readonly' } } },
)

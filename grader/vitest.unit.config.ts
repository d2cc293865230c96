// The project's own unit tests: the grader, the harness, the reference oracles and data.
import { defineConfig } from 'vitest/config'
import { COURSE_ROOT } from './paths.ts'

export default defineConfig({
  root: COURSE_ROOT,
  test: {
    include: ['grader/**/*.spec.ts', 'reference/**/*.spec.ts'],
    testTimeout: 60_000,
  },
})

// The project's own unit tests: the grader, the harness, the reference oracles and data, and the maintainers' tools.
import { defineConfig } from 'vitest/config'
import { COURSE_ROOT } from '../grader/core/paths.ts'

export default defineConfig({
  root: COURSE_ROOT,
  test: {
    include: ['grader/**/*.spec.ts', 'reference/**/*.spec.ts', 'tools/**/*.spec.ts'],
    testTimeout: 60_000,
  },
})

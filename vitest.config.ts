// The course's test suite. Which code it tests: `--mode solutions` for the answer key, else
// COURSE_TARGET (`exercises`, `solutions` or a folder), else the exercises.
import { defineConfig } from 'vitest/config'
import { courseTestConfig } from './grader/vitest/course-config.ts'
import { targetFromEnv } from './grader/vitest/target.ts'

export default defineConfig(({ mode }) =>
  courseTestConfig(targetFromEnv(mode === 'solutions' ? { ...process.env, COURSE_TARGET: 'solutions' } : process.env)),
)

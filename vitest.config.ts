// The course's test suite. Which code it tests is chosen by COURSE_TARGET (see grader/config/target.ts).
import { defineConfig } from 'vitest/config'
import { courseTestConfig } from './grader/config/course-config.ts'
import { targetFromEnv } from './grader/config/target.ts'

export default defineConfig(courseTestConfig(targetFromEnv()))

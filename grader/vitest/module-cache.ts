// Vite's transforms of the course's own modules (the harness, the oracles, the reference), kept on
// disk and shared by every submission of a batch (COURSE_MODULE_CACHE, set by the grader).
//
// Only modules whose transform cannot depend on the submission are shared. A test file's transform
// holds the resolved path of `@target/…`, i.e. of one student's code: shared, it would send the next
// student's tests to the previous student's code. So test files, exercise code and anything outside
// grader/ and reference/ are never cached (vitest's cache key does not include the target folder).
import path from 'node:path'
import type { Plugin } from 'vite'
import { GRADER_DIR, REFERENCE_DIR, isInside } from '../core/paths.ts'
import type { Target } from './target.ts'

export function sharedCourseModules(target: Target): Plugin {
  const exercise = new Set(Object.values(target.overrides).map((file) => path.resolve(file)))
  const sharable = (id: string): boolean => {
    const file = id.split('?')[0]!
    if (!path.isAbsolute(file) || /\.test\.ts$/.test(file)) return false
    if (isInside(file, target.dir) || exercise.has(file)) return false
    return isInside(file, GRADER_DIR) || isInside(file, REFERENCE_DIR)
  }
  return {
    name: 'course-shared-module-cache',
    configureVitest(context) {
      context.defineCacheKeyGenerator(({ id }) => (sharable(id) ? '' : false))
    },
  }
}

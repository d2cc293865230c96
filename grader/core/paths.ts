// Where the course's own folders are. Everything else is found relative to these.
import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const COURSE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const EXERCISES_DIR = path.join(COURSE_ROOT, 'exercises')
export const SOLUTIONS_DIR = path.join(COURSE_ROOT, 'solutions')
export const REFERENCE_DIR = path.join(COURSE_ROOT, 'reference')
/** The part of `reference/` that exercise code may import, as `@course/<name>`. */
export const PUBLIC_REFERENCE_DIR = path.join(REFERENCE_DIR, 'public')
export const GRADER_DIR = path.join(COURSE_ROOT, 'grader')
export const REPORTS_DIR = path.join(COURSE_ROOT, 'reports')

/** True when `file` is `dir` itself or lies inside it. */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

// The packages exercise code may import besides the course's modules, and the one module that
// stands in for each: everyone shares one TensorFlow.js and one backend, and the course installs
// only the parts of TensorFlow.js it uses. Every place that resolves exercise code's imports reads
// this map: the staging of exercise code for the student process (grader/bridge/stage.ts), the
// grader's type checks, and tsconfig.json's `paths` (a unit test keeps it equal to this map).
import path from 'node:path'
import { COURSE_ROOT } from './paths.ts'

/** Package name → the course file (relative to the course root) that exercise code receives for it. */
export const STUDENT_PACKAGES: Readonly<Record<string, string>> = { '@tensorflow/tfjs': 'reference/public/tf.ts' }

/** The file standing in for `name`, absolute; undefined for a package exercise code may not import. */
export function studentPackageFile(name: string): string | undefined {
  const relative = Object.hasOwn(STUDENT_PACKAGES, name) ? STUDENT_PACKAGES[name] : undefined
  return relative === undefined ? undefined : path.join(COURSE_ROOT, relative)
}

// The one switch that points the course's test suite at some code: the stubs, the answer key,
// or a student's submission. Tests import `@target/<topic>/<file>`; this decides what that is.
import path from 'node:path'
import { existsSync, statSync } from 'node:fs'
import { COURSE_ROOT, EXERCISES_DIR, SOLUTIONS_DIR } from '../core/paths.ts'
import { readSetting } from '../core/settings.ts'

export interface Target {
  /** Folder holding the `NN-topic/` folders under test. */
  dir: string
  /** A short label for messages: `exercises`, `solutions`, or the folder given. */
  label: string
  /**
   * Single files replaced by others, keyed `NN-topic/file.ts` (relative to `dir`).
   * `npm run verify` uses this to run the suite on one wrong variant of the answer key.
   */
  overrides: Record<string, string>
}

/** Reads `COURSE_TARGET` (`exercises` | `solutions` | a folder) and `COURSE_OVERRIDES` (JSON). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): Target {
  return resolveTarget(readSetting('target', env) ?? 'exercises', readSetting('overrides', env) ?? {})
}

export function resolveTarget(raw: string, overrides: Record<string, string> = {}): Target {
  const named: Record<string, string> = { exercises: EXERCISES_DIR, solutions: SOLUTIONS_DIR }
  const dir = named[raw] ?? path.resolve(COURSE_ROOT, raw)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`COURSE_TARGET: ${dir} is not a folder (expected exercises, solutions, or a folder of NN-topic folders)`)
  }
  return { dir, label: named[raw] ? raw : dir, overrides }
}

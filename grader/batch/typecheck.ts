// Type errors do not fail tests (vitest strips types without checking them), so the grader also runs
// the TypeScript compiler on the staged files, bounded in time and memory, and reports what it
// finds as diagnostics. The compiler only reads the submission; it never runs it.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT, PUBLIC_REFERENCE_DIR } from '../paths.ts'
import { supervise } from './supervise.ts'

const TSC = path.join(COURSE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
const MAX_MESSAGES = 30

export interface TypeCheck {
  /** `01-limits/limits.ts(3,5): error TS2322: …`, relative to the workspace. */
  errors: string[]
  /** Set when the check could not finish (time or memory). */
  problem?: string
}

export async function typeCheck(workspace: string, files: string[], scratchDir: string, timeoutMs: number): Promise<TypeCheck> {
  const config = path.join(scratchDir, 'tsconfig.json')
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(COURSE_ROOT, 'tsconfig.json'),
      compilerOptions: {
        baseUrl: COURSE_ROOT,
        // Exercise code's @tensorflow/tfjs is the course's tf module at run time, which re-exports the
        // package: the package's own types describe it (mapping it to tf.ts would make that module
        // import itself).
        paths: { '@course/*': [`${PUBLIC_REFERENCE_DIR}/*`], '@tensorflow/tfjs': [path.join(COURSE_ROOT, 'node_modules', '@tensorflow', 'tfjs')] },
        typeRoots: [path.join(COURSE_ROOT, 'node_modules', '@types')],
        noEmit: true,
        incremental: false,
      },
      files: files.map((f) => path.join(workspace, f)),
      include: [],
    }),
  )
  const result = await supervise(process.execPath, ['--max-old-space-size=1024', TSC, '-p', config, '--pretty', 'false'], {
    env: { PATH: process.env.PATH, HOME: scratchDir, TMPDIR: scratchDir },
    // Run from the workspace so that tsc names the student's files relative to it.
    cwd: workspace,
    limits: { wallClockMs: timeoutMs, rssMb: 1536, outputBytes: 256 * 1024 },
  })
  if (result.timedOut) return { errors: [], problem: `the type check took longer than ${Math.round(timeoutMs / 1000)} s and was stopped` }
  // Errors in the course's own files (paths starting with ../ or /) are not the student's business.
  const staged = new Set(files)
  const errors = result.output
    .split('\n')
    .filter((line) => / error TS\d+:/.test(line) && staged.has(line.slice(0, line.indexOf('('))))
    .map((line) => line.trim())
  if (errors.length === 0 && result.exitCode !== 0 && result.exitCode !== 2) {
    return { errors: [], problem: `the type check did not finish (exit code ${result.exitCode ?? result.signal})` }
  }
  return { errors: errors.length > MAX_MESSAGES ? [...errors.slice(0, MAX_MESSAGES), `… and ${errors.length - MAX_MESSAGES} more`] : errors }
}

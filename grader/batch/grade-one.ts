// Grades one piece of work with the teachers' engine: a student's own working copy (`npm run
// report`, CI on a pull request) or a Gradescope submission. It is a batch of one, so it gets the
// same staging, sandbox, student processes, seed policy and outputs as a class.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BatchResult, StudentResult } from '../core/results.ts'
import { gradeBatch } from './batch.ts'
import { safeId } from './discover.ts'
import { createProgress } from './progress.ts'
import { DEFAULT_LIMITS, DEFAULT_RETRIES } from './run-vitest.ts'

export interface GradeOneOptions {
  /** The work: a folder (a repository, the topic folders, loose exercise files) or, with `sourceIsZip`, a .zip of one. */
  source: string
  sourceIsZip?: boolean
  /** The name the work is graded under. */
  id: string
  out: string
  topics?: string[]
  seed?: number
  /** Copy only `source/exercises` (a working copy: leave node_modules and the rest behind). */
  exercisesOnly?: boolean
  html?: boolean
  /** Write the class's output files into `out` (default true); false: the caller writes its own. */
  outputs?: boolean
  quiet?: boolean
}

export async function gradeOne(options: GradeOneOptions): Promise<{ student: StudentResult; batch: BatchResult; warnings: string[] }> {
  const submissions = mkdtempSync(path.join(os.tmpdir(), 'course-one-'))
  try {
    const id = safeId(options.id)
    const from = options.exercisesOnly ? path.join(options.source, 'exercises') : options.source
    if (!existsSync(from)) throw new Error(`nothing to grade: ${from} does not exist`)
    if (options.sourceIsZip) copyFileSync(from, path.join(submissions, `${id}.zip`))
    else {
      const to = path.join(submissions, id, options.exercisesOnly ? 'exercises' : '')
      mkdirSync(to, { recursive: true })
      cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (file) => !file.split(path.sep).includes('node_modules') })
    }
    const { batch, warnings } = await gradeBatch({
      submissions,
      out: options.out,
      jobs: 1,
      topics: options.topics,
      seed: options.seed,
      limits: DEFAULT_LIMITS,
      retries: DEFAULT_RETRIES,
      typecheck: true,
      isolation: 'auto',
      fresh: false,
      html: options.html,
      outputs: options.outputs,
      progress: createProgress(process.stderr, options.quiet ?? false),
    })
    const student = batch.students.find((s) => s.id === id) ?? batch.students[0]
    if (!student) throw new Error('the grader found nothing to grade')
    return { student, batch, warnings }
  } finally {
    rmSync(submissions, { recursive: true, force: true })
  }
}

// Runs inside Gradescope's autograder container (see grader/release/template/gradescope/): grades
// /autograder/submission with the course's engine and writes /autograder/results/results.json.
// AUTOGRADER_ROOT replaces /autograder, so the course's own test can run it against a temp folder.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeFileAtomic } from '../atomic-write.ts'
import { gradeOne } from './grade-one.ts'

const root = process.env.AUTOGRADER_ROOT || '/autograder'
const results = path.join(root, 'results', 'results.json')
const topics = process.env.COURSE_TOPICS?.split(',').filter(Boolean)

try {
  const out = mkdtempSync(path.join(os.tmpdir(), 'course-gradescope-'))
  const { student } = await gradeOne({ source: path.join(root, 'submission'), id: 'submission', out, topics, html: false, quiet: true })
  const written = path.join(out, student.id, 'gradescope.json')
  if (!existsSync(written)) throw new Error(`the grader wrote no ${written}`)
  copyFileSync(written, results)
  console.log(`graded: ${student.score.total}/${student.score.max}`)
} catch (error) {
  // Gradescope shows nothing without results.json: say what went wrong, with 0 points.
  const output = `The autograder failed before it could grade this submission: ${(error as Error).message}`
  writeFileAtomic(results, `${JSON.stringify({ score: 0, output, output_format: 'text', tests: [] }, null, 2)}\n`)
  console.error(output)
  process.exitCode = 1
}

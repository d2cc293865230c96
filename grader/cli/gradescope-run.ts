// Runs inside Gradescope's autograder container (see tools/release/template/gradescope/): grades
// /autograder/submission with the course's engine and writes /autograder/results/results.json.
// AUTOGRADER_ROOT replaces /autograder, so the course's own test can run it against a temp folder.
//
// Every layout a student can upload is graded: loose exercise files (`limits.ts`, placed in their
// topic by name), a folder per topic, a whole repository, or a .zip of any of these. The grading
// seed comes from the course secret bundled in the autograder (.secret/course-secret, see seeds.ts)
// and the submitters' Gradescope ids, so a resubmission is graded with the same seed.
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeFileAtomic } from '../core/atomic-write.ts'
import { currentLang } from '../core/lang.ts'
import { gradeOne } from '../batch/grade-one.ts'
import { gradescopeResults } from '../batch/outputs/gradescope.ts'
import { readSetting } from '../core/settings.ts'
import * as v from 'valibot'

const root = process.env.AUTOGRADER_ROOT || '/autograder'
const results = path.join(root, 'results', 'results.json')
const topics = readSetting('topics')

/** The part of Gradescope's submission_metadata.json the grader reads (the rest is left alone). */
const GRADESCOPE_METADATA = v.looseObject({ users: v.optional(v.array(v.looseObject({ id: v.optional(v.union([v.string(), v.number()])) }))) })

/** Who submitted: Gradescope's user ids (a group has several), from submission_metadata.json. */
export function submitterId(metadataFile: string): string {
  try {
    const metadata = v.parse(GRADESCOPE_METADATA, JSON.parse(readFileSync(metadataFile, 'utf8')))
    const ids = (metadata.users ?? []).map((u) => String(u.id ?? '')).filter(Boolean).sort()
    if (ids.length) return `gradescope-${ids.join('+')}`
  } catch {
    // No metadata (a test run): one fixed name.
  }
  return 'submission'
}

/** A submission that is one .zip file and nothing else to grade is graded as that zip. */
function loneZip(dir: string): string | undefined {
  const entries = readdirSync(dir).filter((n) => !n.startsWith('.') && n !== '__MACOSX')
  const zips = entries.filter((n) => /\.zip$/i.test(n) && statSync(path.join(dir, n)).isFile())
  return zips.length === 1 && entries.length === 1 ? path.join(dir, zips[0]!) : undefined
}

try {
  const submission = path.join(root, 'submission')
  if (!existsSync(submission)) throw new Error(`${submission} does not exist`)
  const out = mkdtempSync(path.join(os.tmpdir(), 'course-gradescope-'))
  const zip = loneZip(submission)
  const { student } = await gradeOne({
    source: zip ?? submission,
    sourceIsZip: zip !== undefined,
    id: submitterId(path.join(root, 'submission_metadata.json')),
    out,
    topics,
    html: false,
    outputs: false,
    quiet: true,
  })
  writeFileAtomic(results, `${JSON.stringify(gradescopeResults(student, currentLang()), null, 2)}\n`)
  console.log(`graded: ${student.score.total}/${student.score.max} (${student.status}, seed ${student.seed})`)
} catch (error) {
  // Gradescope shows nothing without results.json: say what went wrong, with 0 points.
  const output = `The autograder failed before it could grade this submission: ${(error as Error).message}`
  writeFileAtomic(results, `${JSON.stringify({ score: 0, output, output_format: 'text', tests: [] }, null, 2)}\n`)
  console.error(output)
  process.exitCode = 1
}

// `npm run release -- --gradescope <file.zip>`: the autograder for a Gradescope programming
// assignment. The zip holds the course (tests, hidden ones included; manifests; reference; grader),
// never the answer key, with Gradescope's setup.sh and run_autograder at its root.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { buildZip, type ZipEntryInput } from '../batch/zip-writer.ts'
import { writeFileAtomic } from '../atomic-write.ts'
import { COURSE_ROOT } from '../paths.ts'
import { courseFiles } from './build-release.ts'

const TEMPLATE = path.join(COURSE_ROOT, 'grader', 'release', 'template', 'gradescope')

export function buildGradescopeZip(file: string): { file: string; entries: number; bytes: number } {
  const entries: ZipEntryInput[] = courseFiles({ hidden: true }).map((relative) => ({ name: relative, data: readFileSync(path.join(COURSE_ROOT, relative)), deflate: true }))
  for (const script of ['setup.sh', 'run_autograder']) entries.push({ name: script, data: readFileSync(path.join(TEMPLATE, script)), executable: true })
  const zip = buildZip(entries)
  writeFileAtomic(path.resolve(file), zip)
  return { file: path.resolve(file), entries: entries.length, bytes: zip.length }
}

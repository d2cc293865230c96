// The course version: a hash of everything that decides a verdict (tests, manifests, stubs, the
// reference, the grader, the configuration and the locked dependencies). Changing any of them
// invalidates cached results; editing a lesson, the HTML reports or the maintainers' tools (tools/:
// the mutation table, the bench, verify, flaky, the variant catalogue, the release builder) does not.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT } from './paths.ts'

const ROOT_FILES = ['package-lock.json', 'vitest.config.ts', 'tsconfig.json']
/**
 * Files under grader/ that never run when a submission is graded: the unit tests and the HTML
 * reports. The maintainers' tools live in tools/, outside the version: committing their outputs,
 * such as the mutation table, must leave every student's cached result valid.
 */
const NEVER_DECIDES = /^grader\/(tests|report)\/|\.spec\.ts$/

/** Folders whose `.ts` and `.json` files count, with subfolders that do not decide verdicts. */
const FOLDERS: Array<{ dir: string; skip: RegExp }> = [
  { dir: 'exercises', skip: /\.md$/ },
  { dir: 'reference', skip: /\.spec\.ts$/ },
  { dir: 'grader', skip: NEVER_DECIDES },
]

export function courseVersion(): string {
  const hash = createHash('sha256')
  for (const file of courseFiles()) hash.update(`${file}\0`).update(readFileSync(path.join(COURSE_ROOT, file))).update('\0')
  return hash.digest('hex').slice(0, 16)
}

/** The files the version is made of, relative to the course root, in a fixed order. */
export function courseFiles(): string[] {
  const files = ROOT_FILES.filter((f) => existsSync(path.join(COURSE_ROOT, f)))
  for (const { dir, skip } of FOLDERS) {
    const base = path.join(COURSE_ROOT, dir)
    if (!existsSync(base)) continue
    for (const relative of readdirSync(base, { recursive: true, encoding: 'utf8' })) {
      const file = `${dir}/${relative.split(path.sep).join('/')}`
      if (file.split('/').some((part) => part.startsWith('.'))) continue // editor and scratch files
      if (!/\.(ts|json|csv)$/.test(file) || skip.test(file)) continue
      files.push(file)
    }
  }
  return files.sort()
}

// `npm run release -- --gradescope <file.zip>`: the autograder for a Gradescope programming
// assignment. The zip holds the course (tests, hidden ones included; manifests; reference; grader),
// never the answer key, with Gradescope's setup.sh and run_autograder at its root.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { buildZip, type ZipEntryInput } from '../zip-writer.ts'
import { writeFileAtomic } from '../../grader/core/atomic-write.ts'
import { COURSE_ROOT } from '../../grader/core/paths.ts'
import { courseFiles, releasePackages } from './build-release.ts'
import { BUNDLED_SECRET_FILE, type CourseSecret } from '../../grader/core/seeds.ts'

const TEMPLATE = path.join(COURSE_ROOT, 'tools', 'release', 'template', 'gradescope')

export function buildGradescopeZip(file: string, options: { secret?: CourseSecret } = {}): { file: string; entries: number; bytes: number; secret: boolean } {
  const files = courseFiles({ hidden: true, gradescope: true })
  // The student release's packages: what these files use, no maintainers' tools, no native TensorFlow.
  const packages = releasePackages(files)
  const content = (relative: string) =>
    relative === 'package.json' ? Buffer.from(packages.packageJson) : relative === 'package-lock.json' ? Buffer.from(packages.lockfile) : readFileSync(path.join(COURSE_ROOT, relative))
  const entries: ZipEntryInput[] = files.map((relative) => ({ name: relative, data: content(relative), deflate: true }))
  for (const script of ['setup.sh', 'run_autograder']) entries.push({ name: script, data: readFileSync(path.join(TEMPLATE, script)), executable: true })
  // The course secret, which each submission's seed is derived from: a folder of its own that the
  // sandbox hides from student code (and the permission model never lets it read).
  if (options.secret) entries.push({ name: path.relative(COURSE_ROOT, BUNDLED_SECRET_FILE), data: Buffer.from(`${options.secret.value}\n`), deflate: true })
  const zip = buildZip(entries)
  writeFileAtomic(path.resolve(file), zip)
  return { file: path.resolve(file), entries: entries.length, bytes: zip.length, secret: !!options.secret }
}

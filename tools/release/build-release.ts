// `npm run release -- --out <dir>`: the repository students receive. It holds the stubs, the tests
// (hidden ones left out), the lessons, the reference oracles and data, the grader with its
// reports, a student README and a pull-request workflow; never the answer key, its catalogue of
// variants and alternatives, or the course's own maintenance tooling.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Manifest } from '../../grader/core/manifest.ts'
import { COURSE_ROOT } from '../../grader/core/paths.ts'
import { neededDependencies, pruneLockfile } from './student-packages.ts'

/**
 * Top-level entries a release is made of; everything else stays with the teachers, `tools/` (verify,
 * flaky, the catalogue, mutation, bench, this builder, the sample class) above all.
 */
const INCLUDED = ['package.json', 'package-lock.json', '.npmrc', '.nvmrc', 'tsconfig.json', 'vitest.config.ts', '.gitignore', 'exercises', 'reference', 'grader']

/** Paths (relative, with `/`) left out of both the release and the Gradescope zip, checked as prefixes. */
export const TEACHER_ONLY = [
  'grader/tests/',
  'grader/README.md',
  'grader/report/fixtures/',
  'grader/report/screenshots/',
  'grader/report/browser.ts',
  'grader/report/README.md',
]

/**
 * Left out of the student release only: the teacher's batch grader and the Gradescope entry
 * point (the Gradescope zip keeps them). A student grades their own work with `npm run report`.
 */
export const NOT_FOR_STUDENTS = ['grader/cli/grade.ts', 'grader/batch/merge.ts', 'grader/batch/roster.ts', 'grader/cli/gradescope-run.ts']

/** The project's own unit tests (`*.spec.ts`) are maintainers' work, never shipped. */
const PROJECT_SPEC = /\.spec\.ts$/
const HIDDEN_TEST = /\.hidden\.test\.ts$/
const TEMPLATE_DIR = path.join(COURSE_ROOT, 'tools', 'release', 'template')

/** Scripts students run; the course's maintenance scripts (verify, release, grade, data…) are left out. */
export const STUDENT_SCRIPTS = ['test', 'watch', 'report', 'typecheck'] as const

export interface ReleaseSummary {
  out: string
  files: string[]
  hiddenTestsLeftOut: string[]
  /** Packages of the course's package.json that the release does not install. */
  packagesLeftOut: string[]
}

/**
 * The course files a release (or, with `hidden`, the Gradescope autograder) is made of, relative
 * to the course root with `/`, teacher-only tooling left out.
 */
export function courseFiles(options: { hidden: boolean; gradescope?: boolean }): string[] {
  const excluded = options.gradescope ? TEACHER_ONLY : [...TEACHER_ONLY, ...NOT_FOR_STUDENTS]
  return INCLUDED.flatMap(walk).filter(
    (relative) =>
      !excluded.some((prefix) => relative === prefix || relative.startsWith(prefix)) && !PROJECT_SPEC.test(relative) && (options.hidden || !HIDDEN_TEST.test(relative)),
  )
}

export function buildRelease(out: string): ReleaseSummary {
  const target = path.resolve(out)
  if (target === COURSE_ROOT || target.startsWith(`${COURSE_ROOT}${path.sep}`) && !target.startsWith(path.join(COURSE_ROOT, 'reports'))) {
    throw new Error(`refusing to write a release inside the course (${target}); choose a folder outside it, or under reports/`)
  }
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  const files: string[] = []
  const hidden: string[] = []

  const shipped = courseFiles({ hidden: true }).filter((relative) => {
    if (HIDDEN_TEST.test(relative)) hidden.push(relative)
    return !HIDDEN_TEST.test(relative)
  })
  const packages = releasePackages(shipped)
  for (const relative of shipped) {
    const from = path.join(COURSE_ROOT, relative)
    const to = path.join(target, relative)
    mkdirSync(path.dirname(to), { recursive: true })
    if (relative === 'package.json') writeFileSync(to, packages.packageJson)
    else if (relative === 'package-lock.json') writeFileSync(to, packages.lockfile)
    else if (/^exercises\/[^/]+\/manifest\.json$/.test(relative)) writeFileSync(to, withoutHiddenTests(readFileSync(from, 'utf8')))
    else copyFileSync(from, to)
    files.push(relative)
  }
  for (const [template, relative] of [['README.md', 'README.md'], ['classroom.yml', '.github/workflows/classroom.yml']] as const) {
    const to = path.join(target, relative)
    mkdirSync(path.dirname(to), { recursive: true })
    copyFileSync(path.join(TEMPLATE_DIR, template), to)
    files.push(relative)
  }
  mkdirSync(path.join(target, 'reports'), { recursive: true })
  writeFileSync(path.join(target, 'reports', '.gitkeep'), '')
  files.push('reports/.gitkeep')
  return { out: target, files: files.sort(), hiddenTestsLeftOut: hidden, packagesLeftOut: packages.dropped }
}

/** Files under `relative` (a file or a folder), skipping node_modules and generated reports. */
function walk(relative: string): string[] {
  const full = path.join(COURSE_ROOT, relative)
  if (!existsSync(full)) return []
  if (!readdirSync(path.dirname(full), { withFileTypes: true }).find((e) => e.name === path.basename(full))?.isDirectory()) return [relative]
  return readdirSync(full, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' ? [] : e.isDirectory() ? walk(`${relative}/${e.name}`) : e.isFile() ? [`${relative}/${e.name}`] : [],
  )
}

/**
 * package.json and package-lock.json for a release made of `files` (the student release, or the
 * Gradescope autograder): the students' scripts, the packages those files use, the lockfile pruned.
 */
export function releasePackages(files: string[]): { packageJson: string; lockfile: string; dropped: string[] } {
  const { kept, dropped } = neededDependencies(JSON.parse(readFileSync(path.join(COURSE_ROOT, 'package.json'), 'utf8')) as PackageJsonLike, COURSE_ROOT, files)
  const pkg = studentPackageJson(kept as PackageJsonLike)
  const lock = pruneLockfile(JSON.parse(readFileSync(path.join(COURSE_ROOT, 'package-lock.json'), 'utf8')), pkg)
  return { packageJson: `${JSON.stringify(pkg, null, 2)}\n`, lockfile: `${JSON.stringify(lock, null, 2)}\n`, dropped }
}

type PackageJsonLike = Parameters<typeof neededDependencies>[0] & { scripts: Record<string, string> }

/** The student's package.json: the students' scripts only, the dependencies the release uses. */
function studentPackageJson(pkg: PackageJsonLike): PackageJsonLike {
  const scripts: Record<string, string> = {}
  for (const name of STUDENT_SCRIPTS) {
    if (!pkg.scripts[name]) throw new Error(`the course's package.json has no "${name}" script for the release`)
    scripts[name] = pkg.scripts[name]
  }
  return { ...pkg, name: `${pkg.name}-student`, scripts }
}

function withoutHiddenTests(text: string): string {
  const manifest = JSON.parse(text) as Manifest
  manifest.tests = Object.fromEntries(Object.entries(manifest.tests).filter(([, entry]) => !entry.hidden))
  return `${JSON.stringify(manifest, null, 2)}\n`
}

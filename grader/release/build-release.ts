// `npm run release -- --out <dir>`: the repository students receive. It holds the stubs, the tests
// (hidden ones left out), the lessons, the reference oracles and data, the grader with its
// reports, a student README and a pull-request workflow; never the answer key, its catalogue of
// variants and alternatives, or the course's own maintenance tooling.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Manifest } from '../manifest.ts'
import { COURSE_ROOT } from '../paths.ts'

/** Top-level entries a release is made of; everything else stays with the teachers. */
const INCLUDED = ['package.json', 'package-lock.json', '.npmrc', '.nvmrc', 'tsconfig.json', 'vitest.config.ts', '.gitignore', 'exercises', 'reference', 'grader']

/** Paths (relative, with `/`) left out, checked as prefixes; teacher-only tooling lives here. */
export const TEACHER_ONLY = [
  'grader/tests/',
  'grader/verify.ts',
  'grader/regions.ts',
  'grader/flaky.ts',
  'grader/catalogue.ts',
  'grader/release/',
  'grader/mutation/',
  'grader/bench/',
  'grader/batch/sample-class.ts',
  'grader/vitest.unit.config.ts',
  'grader/README.md',
]

const HIDDEN_TEST = /\.hidden\.test\.ts$/
const TEMPLATE_DIR = path.join(COURSE_ROOT, 'grader', 'release', 'template')

/** Scripts students run; the course's maintenance scripts (verify, release, data…) are left out. */
const STUDENT_SCRIPTS: Record<string, string> = {
  test: 'node grader/check-node.mjs && vitest run',
  watch: 'node grader/check-node.mjs && vitest watch',
}

export interface ReleaseSummary {
  out: string
  files: string[]
  hiddenTestsLeftOut: string[]
}

/**
 * The course files a release (or, with `hidden`, the Gradescope autograder) is made of, relative
 * to the course root with `/`, teacher-only tooling left out.
 */
export function courseFiles(options: { hidden: boolean }): string[] {
  return INCLUDED.flatMap(walk).filter(
    (relative) => !TEACHER_ONLY.some((prefix) => relative === prefix || relative.startsWith(prefix)) && (options.hidden || !HIDDEN_TEST.test(relative)),
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

  for (const relative of courseFiles({ hidden: true })) {
    if (HIDDEN_TEST.test(relative)) {
      hidden.push(relative)
      continue
    }
    const from = path.join(COURSE_ROOT, relative)
    const to = path.join(target, relative)
    mkdirSync(path.dirname(to), { recursive: true })
    if (relative === 'package.json') writeFileSync(to, studentPackageJson(readFileSync(from, 'utf8')))
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
  return { out: target, files: files.sort(), hiddenTestsLeftOut: hidden }
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

function studentPackageJson(text: string): string {
  const pkg = JSON.parse(text) as { name: string; scripts: Record<string, string> }
  pkg.name = `${pkg.name}-student`
  const scripts: Record<string, string> = {}
  for (const [name, command] of Object.entries(STUDENT_SCRIPTS)) scripts[name] = command
  for (const name of ['report', 'grade']) if (pkg.scripts[name]) scripts[name] = pkg.scripts[name]!
  pkg.scripts = scripts
  return `${JSON.stringify(pkg, null, 2)}\n`
}

function withoutHiddenTests(text: string): string {
  const manifest = JSON.parse(text) as Manifest
  manifest.tests = Object.fromEntries(Object.entries(manifest.tests).filter(([, entry]) => !entry.hidden))
  return `${JSON.stringify(manifest, null, 2)}\n`
}

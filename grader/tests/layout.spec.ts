// The folders say which process and which audience a module belongs to, and these rules keep them
// honest (the README's "Layout" shows the same table):
// - grader/, reference/ and exercises/ ship to students and to the Gradescope autograder; tools/ is
//   the maintainers' and never ships, so nothing that ships imports it (one exception: the teacher's
//   `grade --sample` loads the sample class only when asked).
// - Inside grader/, each folder may import only the folders listed for it: core/ is pure and imports
//   no other grader folder; harness/ runs in test processes, vitest/ in vitest's main process, bridge/
//   and sandbox/ contain student code, batch/ grades a class, report/ draws it, cli/ starts things.
// - reference/ (oracles, data, the public modules) imports nothing from grader/.
// - Test files in exercises/ import the harness, the reference and the code under test only.
// Unit tests (*.spec.ts, grader/tests/) are the maintainers' and may import anything.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { COURSE_ROOT } from '../core/paths.ts'
import { localImports, packageImports } from './local-imports.ts'

/** For each folder of grader/, the folders (of grader/, or top-level ones) its modules may import. */
export const GRADER_RULES: Record<string, string[]> = {
  core: ['grader/core', 'reference/regions.ts'],
  harness: ['grader/harness', 'grader/core', 'grader/bridge', 'reference'],
  bridge: ['grader/bridge', 'grader/core', 'grader/sandbox'],
  sandbox: ['grader/sandbox', 'grader/core'],
  vitest: ['grader/vitest', 'grader/core', 'grader/sandbox'],
  batch: ['grader/batch', 'grader/core', 'grader/sandbox', 'grader/vitest'],
  report: ['grader/report', 'grader/core', 'reference/data'],
  cli: ['grader/cli', 'grader/batch', 'grader/report', 'grader/core', 'grader/sandbox'],
}
/** Where the test runner's own package may be imported: the test API, and its main process. */
const VITEST_USERS = ['grader/harness', 'grader/vitest']

const SHIPPED = ['grader', 'reference', 'exercises']
const ALLOWED = new Set(['grader/cli/grade.ts → tools/sample-class.ts'])

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(COURSE_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .filter((f) => /\.(ts|mts|mjs)$/.test(f) && !/\.spec\.ts$|^grader\/tests\/|\/fixtures\//.test(f) && !f.includes('node_modules'))
}

const within = (file: string, place: string) => file === place || file.startsWith(`${place}/`)
const crossings = (files: string[], allowed: (file: string, target: string) => boolean) =>
  files.flatMap((file) => localImports(file).filter((t) => !allowed(file, t)).map((t) => `${file} → ${t}`)).filter((c) => !ALLOWED.has(c))

describe('the layout', () => {
  it('nothing that ships (grader/, reference/, exercises/) imports the maintainers’ tools/', () => {
    expect(crossings(SHIPPED.flatMap(sourceFiles), (_, t) => !t.startsWith('tools/'))).toEqual([])
  })

  it('every module of grader/ is in a folder with rules, and imports only what its folder may', () => {
    const files = sourceFiles('grader')
    expect(files.filter((f) => !GRADER_RULES[f.split('/')[1]!]).map((f) => `${f} is in no folder with rules`)).toEqual([])
    expect(crossings(files, (file, t) => GRADER_RULES[file.split('/')[1]!]!.some((place) => within(t, place)))).toEqual([])
  })

  it('only the harness and vitest/ import the test runner', () => {
    const users = sourceFiles('grader').filter((f) => packageImports(f).some((p) => p === 'vitest' || p.startsWith('vitest/')))
    expect(users.filter((f) => !VITEST_USERS.some((place) => within(f, place)))).toEqual([])
  })

  it('reference/ imports nothing from grader/', () => {
    expect(crossings(sourceFiles('reference'), (_, t) => !t.startsWith('grader/'))).toEqual([])
  })

  it('test files in exercises/ import only the harness and reference/', () => {
    const tests = sourceFiles('exercises').filter((f) => /\.test\.ts$/.test(f))
    expect(tests.length).toBeGreaterThan(0)
    expect(crossings(tests, (_, t) => t === 'grader/harness' || within(t, 'grader/harness') || within(t, 'reference'))).toEqual([])
  })
})

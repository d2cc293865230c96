// The course version keys every cached result: it must cover what decides a verdict, and nothing of
// the maintainers' tooling, so that committing a mutation table or a bench script leaves every
// student's cache valid.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { courseFiles } from '../core/course-version.ts'
import { COURSE_ROOT } from '../core/paths.ts'
import { localImports } from './local-imports.ts'

/** Unhashed modules that hashed ones may import: they write what a verdict produced, or make the demo class; they never decide one. */
const OUTPUTS = /^grader\/report\/|^tools\/sample-class\.ts$/

describe('the course version', () => {
  const files = courseFiles()

  it('covers the tests, manifests, stubs, oracles, harness, bridge and the locked dependencies', () => {
    for (const file of ['package-lock.json', 'exercises/03-matrices/matrices.test.ts', 'exercises/03-matrices/manifest.json', 'exercises/03-matrices/matrices.ts', 'reference/oracles/limits.ts', 'grader/harness/graded.ts', 'grader/bridge/wire.ts']) {
      expect(files, file).toContain(file)
    }
    expect(files.filter((f) => f.startsWith('grader/batch/')).length).toBeGreaterThan(5)
  })

  it("leaves out lessons and the maintainers' tooling: mutation table, bench, verify, flaky, catalogue, release builder, unit tests", () => {
    const left = files.filter((f) => /^tools\/|^grader\/tests\/|\.spec\.ts$|\.md$/.test(f))
    expect(left).toEqual([])
  })

  it('hashes every module of the grader that a hashed module imports (a verdict cannot depend on unhashed code)', () => {
    const hashed = new Set(files)
    const unhashed: string[] = []
    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      for (const target of localImports(file)) {
        const resolved = [target, `${target}.ts`].find((c) => c.endsWith('.ts') && existsSync(path.join(COURSE_ROOT, c)))
        if (resolved && !hashed.has(resolved) && !OUTPUTS.test(resolved)) unhashed.push(`${file} imports ${resolved}`)
      }
    }
    expect(unhashed).toEqual([])
  })

})

// The folders say which audience a module serves: grader/, reference/ and exercises/ ship to
// students and to the Gradescope autograder; tools/ is the maintainers' and never ships. So nothing
// that ships may import from tools/; the one exception is the teacher's `grade --sample`, which
// loads the sample class only when asked. And reference/ (oracles, data, the public modules) stands
// on its own: it imports nothing from grader/. Unit tests (*.spec.ts, grader/tests/) are the
// maintainers' and may import anything.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { COURSE_ROOT } from '../paths.ts'
import { localImports } from './local-imports.ts'

const SHIPPED = ['grader', 'reference', 'exercises']
const ALLOWED = new Set([
  'grader/batch/cli.ts → tools/sample-class.ts',
  // Its model checks throw the harness's Mismatch; they belong in the harness (left for a later step).
  'reference/oracles/keras.ts → grader/harness/index.ts',
])

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(COURSE_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .filter((f) => /\.(ts|mts|mjs)$/.test(f) && !/\.spec\.ts$|^grader\/tests\//.test(f) && !f.includes('node_modules'))
}

describe('the layout', () => {
  it('nothing that ships (grader/, reference/, exercises/) imports the maintainers’ tools/', () => {
    const crossings = SHIPPED.flatMap(sourceFiles).flatMap((file) => localImports(file).filter((t) => t.startsWith('tools/')).map((t) => `${file} → ${t}`))
    expect(crossings.filter((c) => !ALLOWED.has(c))).toEqual([])
  })

  it('reference/ imports nothing from grader/', () => {
    const crossings = sourceFiles('reference').flatMap((file) => localImports(file).filter((t) => t.startsWith('grader/')).map((t) => `${file} → ${t}`))
    expect(crossings.filter((c) => !ALLOWED.has(c))).toEqual([])
  })
})

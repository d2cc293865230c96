// The folders say which audience a module serves: grader/, reference/ and exercises/ ship to
// students and to the Gradescope autograder; tools/ is the maintainers' and never ships. So nothing
// that ships may import from tools/; the one exception is the teacher's `grade --sample`, which
// loads the sample class only when asked (a release without tools/ says so).
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { COURSE_ROOT } from '../paths.ts'

const SHIPPED = ['grader', 'reference', 'exercises']
const ALLOWED = new Set(['grader/batch/cli.ts → tools/sample-class.ts'])

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(COURSE_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .filter((f) => /\.(ts|mts|mjs)$/.test(f) && !f.includes('node_modules'))
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(COURSE_ROOT, file), 'utf8')
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)))
}

describe('the layout', () => {
  it('nothing that ships (grader/, reference/, exercises/) imports the maintainers’ tools/', () => {
    const crossings = SHIPPED.flatMap(sourceFiles).flatMap((file) => imports(file).filter((t) => t.startsWith('tools/')).map((t) => `${file} → ${t}`))
    expect(crossings.filter((c) => !ALLOWED.has(c))).toEqual([])
  })
})

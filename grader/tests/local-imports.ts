// The course's own modules a source file imports, for the tests of the layout and of the course
// version: relative specifiers of static and dynamic imports (string literals), as paths from the
// course root.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT } from '../paths.ts'

export function localImports(file: string): string[] {
  const text = readFileSync(path.join(COURSE_ROOT, file), 'utf8')
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)))
}

// What a source file imports, for the tests of the layout and of the course version: relative
// specifiers of static and dynamic imports (string literals) as paths from the course root, and
// the bare package names.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT } from '../core/paths.ts'

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm
const specifiers = (file: string) => [...readFileSync(path.join(COURSE_ROOT, file), 'utf8').matchAll(SPECIFIER)].map((m) => m[1]!)

export function localImports(file: string): string[] {
  return specifiers(file).filter((s) => /^\.{1,2}\//.test(s)).map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)))
}

export function packageImports(file: string): string[] {
  return specifiers(file).filter((s) => !/^\.{1,2}\//.test(s) && !s.startsWith('node:'))
}

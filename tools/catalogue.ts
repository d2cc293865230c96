// The catalogue beside the answer key: wrong variants (each must fail named tests) and alternative
// correct solutions (each must score full marks). Each is one file that replaces one answer-key
// file; its header comment says which, and for a variant, which tests must catch it:
//
//   /**
//    * One-sided difference instead of central.
//    * @replaces 02-derivatives/derivatives.ts
//    * @mustFail numericDerivative.central
//    */
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import path from 'node:path'
import { SOLUTIONS_DIR } from '../grader/core/paths.ts'

export interface CatalogueEntry {
  /** `01-limits/sum-rule-full-epsilon` */
  name: string
  file: string
  topic: string
  /** The answer-key file it stands in for, relative to `solutions/`. */
  replaces: string
  /** For variants: the test ids that must fail. */
  mustFail: string[]
  /** The first line of the header: the mistake, or how the alternative differs. */
  description: string
}

export const VARIANTS_DIR = path.join(SOLUTIONS_DIR, 'variants')
export const ALTERNATIVES_DIR = path.join(SOLUTIONS_DIR, 'alternatives')

export function loadCatalogue(dir: string): CatalogueEntry[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    // A file whose name starts with _ is a helper shared by entries, not an entry.
    .filter((f) => f.endsWith('.ts') && !path.basename(f).startsWith('_'))
    .sort()
    .map((relative) => parseEntry(path.join(dir, relative), relative))
}

function parseEntry(file: string, relative: string): CatalogueEntry {
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'))?.[1] ?? ''
  const lines = header.split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim()).filter(Boolean)
  const tag = (name: string) => lines.find((l) => l.startsWith(`@${name} `))?.slice(name.length + 2).trim()
  const replaces = tag('replaces')
  if (!replaces) throw new Error(`${file}: the header comment needs "@replaces <topic>/<file>.ts"`)
  return {
    name: relative.replace(/\.ts$/, ''),
    file,
    topic: replaces.split('/')[0]!,
    replaces,
    mustFail: (tag('mustFail') ?? '').split(/[\s,]+/).filter(Boolean),
    description: lines.find((l) => !l.startsWith('@')) ?? '',
  }
}

// A class of distinct submissions for the benchmark, built from the course's own catalogue: correct
// ones (the answer key or an alternative solution, topic by topic), partial ones (per topic: correct,
// a wrong variant, or the stub), stubs only, and one whose code hangs in a loop. Each file carries
// its student's name, so that no two submissions are the same files (the grader's cache would
// otherwise grade identical ones once).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ALTERNATIVES_DIR, VARIANTS_DIR, loadCatalogue } from '../catalogue.ts'
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../../grader/core/paths.ts'
import { createRng } from '../../reference/public/rng.ts'

type Files = Record<string, string>

const exerciseFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))

function answerKey(topic: string): Files {
  return Object.fromEntries(exerciseFiles(path.join(SOLUTIONS_DIR, topic)).map((f) => [f, readFileSync(path.join(SOLUTIONS_DIR, topic, f), 'utf8')]))
}

function stub(topic: string): Files {
  return Object.fromEntries(exerciseFiles(path.join(EXERCISES_DIR, topic)).map((f) => [f, readFileSync(path.join(EXERCISES_DIR, topic, f), 'utf8')]))
}

/**
 * The answer key with one file replaced by a catalogue entry. A variant that imports the answer key
 * (`../../NN-topic/file.ts`) gets it beside itself as `key-file.ts`, as a student's helper file.
 */
function replaced(topic: string, entry: { file: string; replaces: string }): Files {
  const files = answerKey(topic)
  const name = path.basename(entry.replaces)
  const code = readFileSync(entry.file, 'utf8').replaceAll(`'../../${topic}/`, `'./key-`)
  if (code.includes("'./key-")) for (const [file, text] of Object.entries(files)) files[`key-${file}`] = text
  files[name] = code
  return files
}

export type Kind = 'correct' | 'partial' | 'stubs' | 'hang'

/** Writes `n` submissions into `dir` (`<dir>/<NN>-<kind>/exercises/<topic>/…`); returns how many of each kind. */
export function generateClass(dir: string, n: number, topics: string[]): Record<Kind, number> {
  const rng = createRng(2026)
  const pick = <T>(items: T[]): T => items[Math.floor(rng() * items.length)]!
  const variants = loadCatalogue(VARIANTS_DIR)
  const alternatives = loadCatalogue(ALTERNATIVES_DIR)
  const correct = (topic: string): Files => {
    const mine = alternatives.filter((a) => a.topic === topic)
    return mine.length && rng() < 0.5 ? replaced(topic, pick(mine)) : answerKey(topic)
  }
  const counts: Record<Kind, number> = { correct: 0, partial: 0, stubs: 0, hang: 0 }
  for (let i = 0; i < n; i++) {
    // Four in ten correct, four in ten partial, two in ten not started; the one in the middle of
    // the class hangs (in a real class it is anywhere; last would be the worst case for --jobs n).
    const kind: Kind = i === Math.floor(n / 2) ? 'hang' : (['correct', 'partial', 'correct', 'partial', 'stubs'] as const)[i % 5]!
    counts[kind]++
    const id = `${String(i + 1).padStart(2, '0')}-${kind}`
    for (const [t, topic] of topics.entries()) {
      let files: Files
      if (kind === 'correct') files = correct(topic)
      else if (kind === 'stubs') files = stub(topic)
      else if (kind === 'hang') files = t === 0 ? hanging(topic) : correct(topic)
      else {
        const mine = variants.filter((v) => v.topic === topic)
        const roll = rng()
        files = roll < 0.4 ? correct(topic) : roll < 0.8 && mine.length ? replaced(topic, pick(mine)) : stub(topic)
      }
      for (const [file, code] of Object.entries(files)) {
        const target = path.join(dir, id, 'exercises', topic, file)
        mkdirSync(path.dirname(target), { recursive: true })
        writeFileSync(target, `// ${id}\n${code}`)
      }
    }
  }
  return counts
}

/** The answer key whose first exported function never returns: the watchdog must end it. */
function hanging(topic: string): Files {
  const files = answerKey(topic)
  const [name, code] = Object.entries(files)[0]!
  const at = code.indexOf('{', code.indexOf('export function '))
  files[name] = `${code.slice(0, at + 1)}\n  for (;;) { /* never returns */ }\n${code.slice(at + 1)}`
  return files
}

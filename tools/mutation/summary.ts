// Reads StrykerJS's JSON reports, matches the surviving mutants against the reviewed list of
// equivalent mutants (equivalent.json), and writes the committed summary table (SUMMARY.md).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT, GRADER_DIR } from '../../grader/core/paths.ts'

export const MUTATION_DIR = path.join(COURSE_ROOT, 'tools', 'mutation')

/**
 * Answer-key files left out of mutation, with the reason. Only code whose verdict cannot be told
 * apart by mutants belongs here (e.g. a model definition judged by training accuracy alone).
 */
export const EXCLUDED: Record<string, Record<string, string>> = {
  '08-dense-nets': {
    'models.ts':
      'model definitions (buildModel, buildMnistModel), judged only by the accuracy they reach after training: many mutants (another width, activation or learning rate) are other correct models, and each of the others costs a full training run (about a minute) to kill',
  },
  '09-convolution': {
    'cnn.ts':
      'a model definition (buildCnn), judged only by its shape, budget and the accuracy it reaches after one epoch of training: a changed filter count or learning rate is another correct model, and each mutant costs a full training run on the cpu backend',
  },
}

/** A mutant Stryker reported as Survived or NoCoverage, located well enough to be reviewed. */
export interface Survivor {
  file: string
  line: number
  column: number
  mutator: string
  status: 'Survived' | 'NoCoverage'
  /** The source text the mutant replaces (first 120 characters). */
  original: string
  replacement: string
  /** The whole source line where the mutant starts, trimmed: what a reviewer reads. */
  code: string
}

export interface TopicScore {
  files: string[]
  mutants: number
  killed: number
  timeout: number
  survived: number
  noCoverage: number
  /** Runtime and compile errors: not counted in the score (Stryker's definition). */
  errors: number
  survivors: Survivor[]
  seconds: number
  date: string
}

/** One reviewed equivalent mutant: no test can tell it from the answer key, and why. */
export interface Equivalent {
  file: string
  /** Where it was when reviewed (a hint for readers; matching uses the fields below). */
  line: number
  column: number
  mutator: string
  original: string
  replacement: string
  code: string
  reason: string
}

interface StrykerMutant {
  id: string
  mutatorName: string
  replacement?: string
  status: string
  location: { start: { line: number; column: number }; end: { line: number; column: number } }
}
interface StrykerReport {
  files: Record<string, { source: string; mutants: StrykerMutant[] }>
}

export function analyseReport(topic: string, report: StrykerReport): Omit<TopicScore, 'seconds' | 'date'> {
  const count = (s: string) => Object.values(report.files).reduce((n, f) => n + f.mutants.filter((m) => m.status === s).length, 0)
  const survivors: Survivor[] = []
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n')
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue
      survivors.push({
        file: file.replace(/\\/g, '/'),
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        status: m.status,
        original: textAt(lines, m.location).slice(0, 120),
        replacement: m.replacement ?? '',
        code: (lines[m.location.start.line - 1] ?? '').trim(),
      })
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.mutator.localeCompare(b.mutator))
  return {
    files: Object.keys(report.files).sort().filter((f) => f.startsWith(`solutions/${topic}/`)),
    mutants: Object.values(report.files).reduce((n, f) => n + f.mutants.length, 0),
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    errors: count('RuntimeError') + count('CompileError'),
    survivors,
  }
}

function textAt(lines: string[], loc: StrykerMutant['location']): string {
  const { start, end } = loc
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
  return [(lines[start.line - 1] ?? '').slice(start.column - 1), ...lines.slice(start.line, end.line - 1), (lines[end.line - 1] ?? '').slice(0, end.column - 1)].join('\n')
}

export function loadScores(): Record<string, TopicScore> {
  const file = path.join(MUTATION_DIR, 'scores.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, TopicScore>) : {}
}

export function loadEquivalents(): Equivalent[] {
  const file = path.join(MUTATION_DIR, 'equivalent.json')
  if (!existsSync(file)) return []
  const entries = JSON.parse(readFileSync(file, 'utf8')) as { mutants: Equivalent[] }
  for (const e of entries.mutants) {
    if (!e.reason || e.reason.trim().length < 20) throw new Error(`equivalent.json: ${e.file}:${e.line} ${e.mutator} needs a reason`)
  }
  return entries.mutants
}

/**
 * An equivalent entry names a survivor when file, mutator, the text replaced, the replacement, the
 * column and the whole line agree: edits elsewhere in the file (moved lines) keep it, an edit of
 * that line makes it stale, and `npm run mutation` then asks for a new review. Where the same line
 * of code occurs more than once in the file (`const d = requireMatrix('X', X)` in three functions),
 * the line number must agree too: a review of one of them says nothing about the others.
 */
export function sameMutant(e: Pick<Equivalent, 'file' | 'mutator' | 'original' | 'replacement' | 'code' | 'column' | 'line'>, s: Survivor): boolean {
  const alike = e.file === s.file && e.mutator === s.mutator && e.original === s.original && e.replacement === s.replacement && e.code === s.code && e.column === s.column
  return alike && (e.line === s.line || occurrences(s.file, s.code) <= 1)
}

const sourceLines = new Map<string, string[]>()

/** How often a trimmed line of code occurs in a file of the course (0 when the file is gone). */
function occurrences(file: string, code: string): number {
  if (!sourceLines.has(file)) {
    const full = path.join(COURSE_ROOT, file)
    sourceLines.set(file, existsSync(full) ? readFileSync(full, 'utf8').split('\n').map((l) => l.trim()) : [])
  }
  return sourceLines.get(file)!.filter((l) => l === code).length
}

const pct = (x: number) => (Number.isFinite(x) ? `${(Math.floor(x * 10000) / 100).toFixed(2)} %` : '–')

export const TARGET_SCORE = 0.9

export function renderSummary(scores: Record<string, TopicScore>, equivalents: Equivalent[], checked: string[]): { markdown: string; problems: string[] } {
  const problems: string[] = []
  const rows: string[] = []
  const total = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, equivalent: 0, unexplained: 0, seconds: 0 }
  for (const [topic, s] of Object.entries(scores).sort(([a], [b]) => a.localeCompare(b))) {
    const equivalent = s.survivors.filter((v) => equivalents.some((e) => sameMutant(e, v)))
    const unexplained = s.survivors.filter((v) => !equivalents.some((e) => sameMutant(e, v)))
    const detected = s.killed + s.timeout
    const valid = detected + s.survived + s.noCoverage
    const score = detected / valid
    const adjusted = detected / (valid - equivalent.length)
    rows.push(`| ${topic} | ${s.files.map((f) => path.basename(f)).join(', ')} | ${s.mutants} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.errors} | ${equivalent.length} | ${unexplained.length} | **${pct(score)}** | ${pct(adjusted)} | ${formatSeconds(s.seconds)} | ${s.date} |`)
    for (const k of ['mutants', 'killed', 'timeout', 'survived', 'noCoverage', 'errors', 'seconds'] as const) total[k] += s[k]
    total.equivalent += equivalent.length
    total.unexplained += unexplained.length
    if (checked.includes(topic)) {
      for (const v of unexplained) problems.push(`${topic}: unexplained ${v.status} mutant ${v.file}:${v.line}:${v.column} ${v.mutator} → ${JSON.stringify(v.replacement)}   (${v.code})`)
      if (!(adjusted >= TARGET_SCORE)) problems.push(`${topic}: mutation score without the reviewed equivalent mutants ${pct(adjusted)} is below ${TARGET_SCORE * 100} %`)
      const topicFiles = new Set(s.files)
      for (const e of equivalents.filter((e) => topicFiles.has(e.file) && !s.survivors.some((v) => sameMutant(e, v)))) {
        problems.push(`${topic}: equivalent.json lists ${e.file}:${e.line}:${e.column} ${e.mutator} → ${JSON.stringify(e.replacement)}, which no longer survives (remove it)`)
      }
    }
  }
  const detected = total.killed + total.timeout
  const valid = detected + total.survived + total.noCoverage
  rows.push(`| **all** | | ${total.mutants} | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ${total.errors} | ${total.equivalent} | ${total.unexplained} | **${pct(detected / valid)}** | ${pct(detected / (valid - total.equivalent))} | ${formatSeconds(total.seconds)} | |`)
  const excluded = Object.entries(EXCLUDED).flatMap(([topic, files]) => Object.entries(files).map(([file, why]) => `- \`solutions/${topic}/${file}\`: ${why}`))

  const markdown = `# Mutation scores of the answer key

Written by \`npm run mutation\` (tools/mutation/run.ts) from StrykerJS ${strykerVersion()} runs: every
answer-key file \`solutions/NN-topic/*.ts\` is mutated and each mutant is run against that topic's
own graded tests, with the course's vitest configuration. Full reports (HTML and JSON):
\`reports/mutation/NN-topic/\` (not committed).

- **score** is Stryker's mutation score: (killed + timeout) / (killed + timeout + survived + no coverage).
  Runtime and compile errors are left out of it, as Stryker does.
- **equivalent**: survivors listed in [equivalent.json](equivalent.json), each with the reason no
  test can tell it from the answer key (reviewed by hand). **score w/o equivalent** leaves them out
  of the denominator. **unexplained**: survivors neither listed there nor killed when last measured
  (each is printed by \`npm run mutation\`: a test to write, or a mutant to review).
- **time**: wall-clock time of the topic's Stryker run on the 2-core machine it was measured on
  (\`--concurrency 1\`: one Stryker worker, the other core left to other work).

| topic | files | mutants | killed | timeout | survived | no coverage | errors | equivalent | unexplained | score | score w/o equivalent | time | date |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}
${excluded.length ? `\nLeft out of mutation:\n\n${excluded.join('\n')}\n` : ''}
Every surviving mutant is either listed in equivalent.json with its reason or makes
\`npm run mutation\` fail; so does a topic whose score without the equivalent mutants (the classic
definition, killed / (mutants − equivalent)) is below ${TARGET_SCORE * 100} %. Stryker's own score,
which counts the equivalent mutants as survivors, is the **score** column: where it is below
${TARGET_SCORE * 100} %, the difference is the reviewed survivors listed in equivalent.json.
`
  return { markdown, problems }
}

function formatSeconds(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`
}

function strykerVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(GRADER_DIR, '..', 'node_modules', '@stryker-mutator', 'core', 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return ''
  }
}

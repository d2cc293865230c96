// What a failed graded test says, as data (FailureInfo, written by the harness in the test process)
// and as the text students read in the terminal, the grader's outputs and their report.
import { currentLang } from './lang.ts'
import { msg } from './i18n.ts'

/**
 * `error`: the student's code threw something other than a graded assertion; `timeout`, `crashed`:
 * its process did not return in time, or ended; `load-error`: its module could not be loaded.
 */
export type Outcome = 'passed' | 'failed' | 'not-implemented' | 'error' | 'timeout' | 'crashed' | 'load-error'

/** Why a student's module did not load: an import the rules refuse, a syntax error, a file that is not there, an error at its top level, its process ended. */
export const LOAD_PROBLEMS = ['forbidden-import', 'syntax-error', 'missing-file', 'threw', 'crashed'] as const
export type LoadProblem = (typeof LOAD_PROBLEMS)[number]

export interface FailureInfo {
  outcome: Exclude<Outcome, 'passed'>
  /** For a `load-error`: why the student's module did not load. */
  loadProblem?: LoadProblem
  /** One line: what was wrong. */
  summary: string
  /** The shrunk counterexample, one `name = value` per line. */
  counterexample?: string
  shrinks?: number
  /** fast-check's replay path for the counterexample. */
  path?: string
  expected?: string
  received?: string
  tolerance?: string
  /** The run's base seed and the seed this test's property used. */
  seed: number
  propertySeed: number
  reproduce: string
  hint: string
}

/** Formats a failure the way students read it in the terminal and in their report. */
export function formatFailure(f: FailureInfo, lang = currentLang()): string {
  const lines = [f.summary]
  if (f.counterexample) lines.push(msg('counterexample', { shrinks: f.shrinks ?? 0 }, lang), f.counterexample)
  if (f.expected !== undefined) lines.push(`${msg('expected', {}, lang)}: ${indentRest(f.expected)}${f.tolerance ? `   (${msg('tolerance', {}, lang)}: ${f.tolerance})` : ''}`)
  if (f.received !== undefined) lines.push(`${msg('received', {}, lang)}: ${indentRest(f.received)}`)
  if (f.outcome !== 'not-implemented') lines.push(msg('seed', { seed: f.seed, command: f.reproduce }, lang))
  lines.push(`${msg('hint', {}, lang)}: ${f.hint}`)
  return lines.join('\n')
}

const indentRest = (text: string) => text.replaceAll('\n', '\n  ')

// Schemas for what the grader reads back from disk (its cache, shards' results): a file that is
// valid JSON but not what it claims to be is refused here, with what is wrong, instead of taking the
// grader down where it is used.
import * as v from 'valibot'
import { LOAD_PROBLEMS } from './failure.ts'
import { type BatchResult, NOTE_KINDS, type StudentResult } from './results.ts'
import type { RawRun } from './raw-results.ts'

const localized = v.object({ en: v.string(), 'zh-TW': v.string() })
const number = v.number()
const optionalNumber = v.optional(number)

const failure = v.looseObject({
  outcome: v.picklist(['failed', 'not-implemented', 'error', 'timeout', 'crashed', 'load-error']),
  loadProblem: v.optional(v.picklist(LOAD_PROBLEMS)),
  summary: v.string(),
  counterexample: v.optional(v.string()),
  shrinks: optionalNumber,
  path: v.optional(v.string()),
  expected: v.optional(v.string()),
  received: v.optional(v.string()),
  tolerance: v.optional(v.string()),
  seed: number,
  propertySeed: number,
  reproduce: v.string(),
  hint: v.string(),
})

/** Plots are drawn from their data; each must at least say what kind it is. */
const plot = v.looseObject({ kind: v.picklist(['search-path', 'curves', 'decision-boundary', 'feature-maps']), title: v.string() })

const scoredTest = v.looseObject({
  id: v.string(),
  title: v.string(),
  points: number,
  max: number,
  status: v.picklist(['passed', 'failed', 'not-implemented', 'error', 'timeout', 'crashed', 'load-error', 'not-run']),
  hidden: v.boolean(),
  lesson: v.optional(v.string()),
  hint: localized,
  durationMs: optionalNumber,
  failure: v.optional(failure),
  message: v.optional(v.string()),
  backend: v.optional(v.string()),
  plots: v.optional(v.array(plot)),
})

const scoredTopic = v.looseObject({
  topic: v.string(),
  title: localized,
  score: number,
  max: number,
  status: v.picklist(['passed', 'partial', 'failed', 'not-started', 'timed-out', 'crashed', 'forbidden-import', 'load-error', 'not-run']),
  reason: v.optional(v.string()),
  tests: v.array(scoredTest),
})

const score = v.looseObject({ topics: v.array(scoredTopic), total: number, max: number })

export const studentResultSchema = v.looseObject({
  id: v.string(),
  source: v.string(),
  status: v.picklist(['graded', 'rejected', 'error']),
  error: v.optional(v.string()),
  score,
  seed: number,
  backend: v.optional(v.string()),
  durationMs: number,
  peakMemoryMb: optionalNumber,
  hash: v.string(),
  output: v.optional(v.string()),
  diagnostics: v.optional(v.array(v.object({ kind: v.picklist(NOTE_KINDS), topic: v.optional(v.string()), message: v.string() }))),
  files: v.optional(v.array(v.string())),
  gradedAt: v.optional(v.string()),
  sandbox: v.optional(v.string()),
})

export const batchResultSchema = v.looseObject({
  courseVersion: v.string(),
  seed: number,
  topics: v.optional(v.array(v.string())),
  shard: v.optional(v.object({ index: number, count: number })),
  skipped: v.optional(v.array(v.string())),
  sandbox: v.optional(v.looseObject({ description: v.string(), warning: v.optional(v.string()) })),
  startedAt: v.string(),
  finishedAt: v.string(),
  students: v.array(studentResultSchema),
})

/**
 * The record of one test run (raw-results.ts), as the results reporter writes it and the grader and
 * the maintainers' tools read it back. Tests and topics must have their shape; what each test
 * recorded (its failure, plots, regions) is checked where it is used.
 */
const rawTest = v.looseObject({
  id: v.optional(v.string()),
  title: v.string(),
  state: v.picklist(['passed', 'failed', 'skipped', 'pending']),
  durationMs: optionalNumber,
  outcome: v.optional(v.picklist(['passed', 'failed', 'not-implemented', 'error', 'timeout', 'crashed', 'load-error'])),
  failure: v.optional(failure),
  seed: optionalNumber,
  errors: v.array(v.string()),
})
export const rawRunSchema = v.looseObject({
  topics: v.array(v.looseObject({ topic: v.string(), state: v.string(), tests: v.array(rawTest), errors: v.array(v.string()) })),
  unhandledErrors: v.array(v.string()),
  watchdog: v.array(v.looseObject({ kind: v.literal('timeout'), topic: v.string(), testId: v.optional(v.string()), message: v.string() })),
  durationMs: number,
  console: v.optional(v.string()),
})

/** `value` as a RawRun, or a sentence saying what is wrong with it. */
export function parseRawRun(value: unknown): { ok: true; result: RawRun } | { ok: false; problem: string } {
  return parse(rawRunSchema, value) as { ok: true; result: RawRun } | { ok: false; problem: string }
}

/** `value` as a StudentResult, or a sentence saying what is wrong with it. */
export function parseStudentResult(value: unknown): { ok: true; result: StudentResult } | { ok: false; problem: string } {
  return parse(studentResultSchema, value) as { ok: true; result: StudentResult } | { ok: false; problem: string }
}

/** `value` as a BatchResult, or a sentence saying what is wrong with it. */
export function parseBatchResult(value: unknown): { ok: true; result: BatchResult } | { ok: false; problem: string } {
  return parse(batchResultSchema, value) as { ok: true; result: BatchResult } | { ok: false; problem: string }
}

function parse(schema: v.GenericSchema, value: unknown): { ok: true; result: unknown } | { ok: false; problem: string } {
  const parsed = v.safeParse(schema, value)
  if (parsed.success) return { ok: true, result: parsed.output }
  const issue = parsed.issues[0]
  const where = issue.path?.map((p) => String(p.key)).join('.') || 'the value'
  return { ok: false, problem: `${where}: ${issue.message}` }
}

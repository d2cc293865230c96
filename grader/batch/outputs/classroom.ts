// The result format GitHub Classroom's autograding reporter reads
// (classroom-resources/autograding-grading-reporter): a JSON object, base64-encoded into the
// `<RUNNER>_RESULTS` environment variable of the reporter step. The reporter adds up the `score`
// of every entry and takes `max_score` as the maximum.
//
// One environment variable is at most 128 KiB on Linux (MAX_ARG_STRLEN): beyond that the reporter
// never starts ("Argument list too long") and the student gets no points. So the reporter gets one
// entry per topic with a short message, whatever the size of the run: MAX_ENCODED_BYTES bounds the
// encoded result for any number of failures, and the full details are in the HTML report and the
// job summary.
import { firstFailure } from '../../vitest/progress-reporter.ts'
import type { Lang } from '../../core/lang.ts'
import type { StudentResult } from '../../core/results.ts'
import type { ScoredTopic } from '../../core/scoring.ts'
import { seedNote } from '../../core/seeds.ts'
import { testDetail, testTitle } from './text.ts'

export interface ClassroomTest {
  name: string
  status: 'pass' | 'fail' | 'error'
  score: number
  max_score: number
  message: string
  line_no: number
  execution_time: string
}

export interface ClassroomResults {
  version: 1
  status: 'pass' | 'fail' | 'error'
  max_score: number
  tests: ClassroomTest[]
}

/** Characters of one topic's message (about three lines of the first failure). */
export const MESSAGE_CHARS = 500
/** The bound on the base64 text handed to the reporter: far below Linux's 131,072 bytes for one variable. */
export const MAX_ENCODED_BYTES = 32 * 1024

const STOPPED: ScoredTopic['status'][] = ['timed-out', 'crashed', 'forbidden-import', 'load-error', 'not-run']

export function classroomResults(student: StudentResult, lang: Lang): ClassroomResults {
  const topics = student.score.topics
  const perTopic = Math.max(120, Math.min(MESSAGE_CHARS, Math.floor((MAX_ENCODED_BYTES * 3) / 4 / Math.max(1, topics.length + 1)) - 300))
  const tests = topics.map((topic): ClassroomTest => {
    const passed = topic.tests.filter((t) => t.status === 'passed').length
    const first = firstFailure(topic)
    const counts = `${passed}/${topic.tests.length} tests passed`
    const why =
      student.status !== 'graded'
        ? `not graded: ${student.error ?? student.status}`
        : topic.status === 'passed'
          ? ''
          : topic.status === 'not-started'
            ? 'not started'
            : STOPPED.includes(topic.status) && topic.reason
              ? `${topic.status}: ${topic.reason}`
              : first
                ? `first failure: ${testTitle(first, lang)}: ${testDetail(first, topic, lang)}`
                : ''
    return {
      name: `${topic.topic} · ${topic.title[lang] ?? topic.title.en}`,
      status: topic.status === 'passed' ? 'pass' : student.status !== 'graded' || STOPPED.includes(topic.status) ? 'error' : 'fail',
      score: topic.score,
      max_score: topic.max,
      message: shorten(why ? `${counts}; ${why}` : counts, perTopic),
      line_no: 0,
      execution_time: `${(topic.tests.reduce((s, t) => s + (t.durationMs ?? 0), 0) / 1000).toFixed(2)}s`,
    }
  })
  // The seed, so that a regrade reproduces: an entry of its own, worth nothing.
  tests.push({ name: `grading seed: ${seedNote(student.seedPolicy, student.seed)}`, status: 'pass', score: 0, max_score: 0, message: '', line_no: 0, execution_time: '0.00s' })
  const status = student.status !== 'graded' ? 'error' : student.score.total === student.score.max ? 'pass' : 'fail'
  return { version: 1, status, max_score: student.score.max, tests }
}

/** The text the workflow hands to the reporter (base64 of the JSON), checked against the bound. */
export function encodeForReporter(results: ClassroomResults): string {
  const encoded = Buffer.from(JSON.stringify(results)).toString('base64')
  if (encoded.length > MAX_ENCODED_BYTES) throw new Error(`the Classroom result is ${encoded.length} bytes in base64, above the ${MAX_ENCODED_BYTES} allowed`)
  return encoded
}

/** One line, at most `max` characters (counted in UTF-16 units; base64 of UTF-8 at most 4 bytes each). */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

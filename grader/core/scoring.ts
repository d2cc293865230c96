// Turns a raw run into points. Points and the list of tests come from the course's manifests, so a
// test that never reported (the process died, the file failed to load) scores 0 and a test the
// course does not know cannot score at all. The raw run comes from the test processes, which run
// only the course's code: no student code can report a pass (see grader/bridge/).
import type { FailureInfo } from './failure.ts'
import type { Plot } from './plots.ts'
import type { Localized } from './lang.ts'
import { type Manifest, loadManifest, topicsIn } from './manifest.ts'
import type { RawRun, RawTest, RawTopic } from './raw-results.ts'

export type TestStatus =
  | 'passed'
  | 'failed'
  | 'not-implemented'
  /** The exercise code threw something other than a graded assertion. */
  | 'error'
  /** The exercise code did not return within the test's time (or the test overran and the watchdog ended it). */
  | 'timeout'
  /** The exercise code's process ended during the test (an exit, a crash, out of memory). */
  | 'crashed'
  /** The exercise code could not be loaded (a syntax error, a forbidden import, an error at the top level). */
  | 'load-error'
  /** The test never ran or never reported: see the topic's status for why. */
  | 'not-run'

export type TopicStatus =
  | 'passed'
  | 'partial'
  | 'failed'
  | 'not-started'
  | 'timed-out'
  | 'crashed'
  | 'forbidden-import'
  | 'load-error'
  | 'not-run'

export interface ScoredTest {
  id: string
  /** The title in the test file (English), without the points vitest's name carries. */
  title: string
  /** The title in the course's other languages, from the manifest. */
  titles?: Omit<Localized, 'en'>
  points: number
  max: number
  status: TestStatus
  hidden: boolean
  lesson?: string
  hint: Localized
  durationMs?: number
  failure?: FailureInfo
  /** A message when the failure did not come with the harness's structured details. */
  message?: string
  backend?: string
  plots?: Plot[]
}

export interface ScoredTopic {
  topic: string
  title: Localized
  score: number
  max: number
  status: TopicStatus
  /** Why a topic did not run normally (the load error, the watchdog's message, …). */
  reason?: string
  tests: ScoredTest[]
}

export interface Score {
  topics: ScoredTopic[]
  total: number
  max: number
}

export interface ScoreOptions {
  /** Topics to score (default: every topic of the course). */
  topics?: string[]
  /** Tests to score (default: all). A student's `npm test -- -t …` scores only the tests it ran. */
  include?: (topic: string, testId: string) => boolean
}

export function scoreRun(run: RawRun, options: ScoreOptions = {}): Score {
  const topics = (options.topics ?? topicsIn()).map((name) => scoreTopic(loadManifest(name), run, options.include))
  return {
    topics,
    total: round(topics.reduce((s, t) => s + t.score, 0)),
    max: round(topics.reduce((s, t) => s + t.max, 0)),
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000

function scoreTopic(manifest: Manifest, run: RawRun, include: ScoreOptions['include']): ScoredTopic {
  // A topic may have several test files (e.g. a hidden one): their tests and errors add up.
  const files = run.topics.filter((t) => t.topic === manifest.topic)
  const raw: RawTopic | undefined = files.length
    ? { topic: manifest.topic, state: files.find((f) => f.state !== 'passed')?.state ?? 'passed', tests: files.flatMap((f) => f.tests), errors: files.flatMap((f) => f.errors) }
    : undefined
  // A re-run after a test overran its process can add a second report for the same topic: each names its test.
  const watchdogs = run.watchdog.filter((w) => w.topic === manifest.topic)
  const timedOut = new Set(watchdogs.flatMap((w) => (w.testId ? [w.testId] : [])))
  // Only the course's tests report (no student code runs in a test process); the first report of an id counts.
  const byId = new Map<string, RawTest>()
  for (const test of raw?.tests ?? []) if (test.id && !byId.has(test.id)) byId.set(test.id, test)

  const scored = Object.entries(manifest.tests).filter(([id]) => !include || include(manifest.topic, id))
  const tests = scored.map(([id, entry]): ScoredTest => {
    const reported = byId.get(id)
    const status = testStatus(reported, id, timedOut)
    return {
      id,
      title: reported?.title ?? id,
      titles: entry.title,
      max: entry.points,
      hidden: entry.hidden ?? false,
      lesson: entry.lesson,
      hint: entry.hint,
      durationMs: reported?.durationMs,
      backend: reported?.backend,
      plots: reported?.plots,
      points: status === 'passed' ? entry.points : 0,
      status,
      failure: reported?.failure,
      message: reported?.failure ? undefined : reported?.errors[0],
    }
  })

  const score = round(tests.reduce((s, t) => s + t.points, 0))
  const max = round(tests.reduce((s, t) => s + t.max, 0))
  const { status, reason } = topicStatus(raw, tests, score, max, watchdogs[0]?.message, run.unhandledErrors)
  return { topic: manifest.topic, title: manifest.title, score, max, status, reason, tests }
}

function testStatus(test: RawTest | undefined, id: string, timedOut: Set<string>): TestStatus {
  if (!test || test.state === 'pending' || test.state === 'skipped') return timedOut.has(id) ? 'timeout' : 'not-run'
  if (test.state === 'passed') return 'passed'
  switch (test.outcome) {
    case 'not-implemented':
    case 'error':
    case 'timeout':
    case 'crashed':
    case 'load-error':
      return test.outcome
    default:
      return 'failed'
  }
}

function topicStatus(
  raw: RawTopic | undefined,
  tests: ScoredTest[],
  score: number,
  max: number,
  watchdogMessage: string | undefined,
  unhandled: string[],
): { status: TopicStatus; reason?: string } {
  if (!raw) return { status: 'not-run', reason: 'this topic was not run' }
  const summary = (status: TestStatus) => tests.find((t) => t.status === status)?.failure?.summary
  // The student's module could not be loaded, for every test: say why once, for the topic.
  const loadFailed = tests.find((t) => t.status === 'load-error')?.failure
  const loadFailure = loadFailed?.summary
  if (loadFailure && tests.every((t) => t.status === 'load-error')) {
    return { status: loadFailed.loadProblem === 'forbidden-import' ? 'forbidden-import' : 'load-error', reason: loadFailure }
  }
  // The course's test file itself did not load: not the student's doing, and nothing was graded.
  const fileError = raw.errors[0]
  if (fileError && tests.every((t) => t.status === 'not-run')) return { status: 'load-error', reason: fileError }
  if (watchdogMessage) return { status: 'timed-out', reason: watchdogMessage }
  if (tests.some((t) => t.status === 'not-run')) {
    return { status: 'crashed', reason: raw.errors[0] ?? unhandled[0] ?? 'the test process ended before every test reported' }
  }
  if (score === max) return { status: 'passed' }
  if (tests.every((t) => t.status === 'not-implemented')) return { status: 'not-started' }
  const timedOutTests = tests.filter((t) => t.status === 'timeout')
  if (timedOutTests.length) return { status: 'timed-out', reason: `${timedOutTests.map((t) => t.id).join(', ')}: ${summary('timeout') ?? 'ran past the time limit'}` }
  const crashedTests = tests.filter((t) => t.status === 'crashed')
  if (crashedTests.length) return { status: 'crashed', reason: `${crashedTests.map((t) => t.id).join(', ')}: ${summary('crashed') ?? 'the process of your code ended'}` }
  return { status: score > 0 ? 'partial' : 'failed', ...(loadFailure ? { reason: loadFailure } : {}) }
}

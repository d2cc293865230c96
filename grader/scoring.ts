// Turns a raw run into points. Points and the list of tests come from the course's manifests, so a
// test that never reported (the process died, the file failed to load) scores 0 and a test the
// course does not know cannot score at all. When grading, a pass counts only with a valid seal.
import { timingSafeEqual } from 'node:crypto'
import { sealFor } from './harness/seal.ts'
import type { FailureInfo } from './harness/meta.ts'
import type { Plot } from './harness/plots.ts'
import type { Localized } from './harness/lang.ts'
import { type Manifest, loadManifest, topicsIn } from './manifest.ts'
import type { RawRun, RawTest, RawTopic } from './reporters/raw-results.ts'

export type TestStatus =
  | 'passed'
  | 'failed'
  | 'not-implemented'
  /** The exercise code threw something other than a graded assertion. */
  | 'error'
  /** Built-ins were changed, a test id was registered twice, or a pass carried no valid seal. */
  | 'tampered'
  /** This test overran its time and the watchdog ended the topic. */
  | 'timeout'
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
  | 'tampered'
  | 'not-run'

export interface ScoredTest {
  id: string
  /** The title in the test file (English), as the runner reported it. */
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
  /** The seal key the run was started with; when given, every pass must carry a valid seal. */
  sealKey?: string
  /** Topics to score (default: every topic of the course). */
  topics?: string[]
  /** Tests to score (default: all). A student's `npm test -- -t …` scores only the tests it ran. */
  include?: (topic: string, testId: string) => boolean
}

export function scoreRun(run: RawRun, options: ScoreOptions = {}): Score {
  const topics = (options.topics ?? topicsIn()).map((name) => scoreTopic(loadManifest(name), run, options.sealKey, options.include))
  return {
    topics,
    total: round(topics.reduce((s, t) => s + t.score, 0)),
    max: round(topics.reduce((s, t) => s + t.max, 0)),
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000

function scoreTopic(manifest: Manifest, run: RawRun, sealKey: string | undefined, include: ScoreOptions['include']): ScoredTopic {
  // A topic may have several test files (e.g. a hidden one): their tests and errors add up.
  const files = run.topics.filter((t) => t.topic === manifest.topic)
  const raw: RawTopic | undefined = files.length
    ? { topic: manifest.topic, state: files.find((f) => f.state !== 'passed')?.state ?? 'passed', tests: files.flatMap((f) => f.tests), errors: files.flatMap((f) => f.errors) }
    : undefined
  // A re-run after a hung test can add a second report for the same topic: each names its test.
  const watchdogs = run.watchdog.filter((w) => w.topic === manifest.topic)
  const timedOut = new Set(watchdogs.flatMap((w) => (w.testId ? [w.testId] : [])))
  const byId = new Map<string, RawTest[]>()
  for (const test of raw?.tests ?? []) byId.set(test.id ?? '', [...(byId.get(test.id ?? '') ?? []), test])
  const duplicated = [...byId.entries()].filter(([id, tests]) => tests.length > 1 || !(id in manifest.tests))

  const scored = Object.entries(manifest.tests).filter(([id]) => !include || include(manifest.topic, id))
  const tests = scored.map(([id, entry]): ScoredTest => {
    const reported = byId.get(id)?.[0]
    const base = { id, title: reported?.title ?? id, titles: entry.title, max: entry.points, hidden: entry.hidden ?? false, lesson: entry.lesson, hint: entry.hint, durationMs: reported?.durationMs, backend: reported?.backend, plots: reported?.plots }
    const status = testStatus(reported, id, manifest.topic, sealKey, timedOut)
    const points = status === 'passed' && duplicated.length === 0 ? entry.points : 0
    return {
      ...base,
      points,
      status: status === 'passed' && duplicated.length ? 'tampered' : status,
      failure: reported?.failure,
      message: reported?.failure ? undefined : reported?.errors[0],
    }
  })

  const score = round(tests.reduce((s, t) => s + t.points, 0))
  const max = round(tests.reduce((s, t) => s + t.max, 0))
  const { status, reason } = topicStatus(raw, tests, score, max, watchdogs[0]?.message, duplicated.map(([id]) => id), run.unhandledErrors)
  return { topic: manifest.topic, title: manifest.title, score, max, status, reason, tests }
}

function testStatus(test: RawTest | undefined, id: string, topic: string, sealKey: string | undefined, timedOut: Set<string>): TestStatus {
  if (!test || test.state === 'pending' || test.state === 'skipped') return timedOut.has(id) ? 'timeout' : 'not-run'
  if (test.state === 'passed') return !sealKey || validSeal(test.seal, topic, id, sealKey) ? 'passed' : 'tampered'
  switch (test.outcome) {
    case 'not-implemented':
    case 'error':
    case 'tampered':
      return test.outcome
    default:
      return 'failed'
  }
}

function validSeal(seal: string | undefined, topic: string, id: string, key: string): boolean {
  if (typeof seal !== 'string') return false
  const expected = Buffer.from(sealFor(topic, id, key), 'hex')
  const given = Buffer.from(seal, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function topicStatus(
  raw: RawTopic | undefined,
  tests: ScoredTest[],
  score: number,
  max: number,
  watchdogMessage: string | undefined,
  duplicated: string[],
  unhandled: string[],
): { status: TopicStatus; reason?: string } {
  if (duplicated.length) return { status: 'tampered', reason: `test ids registered more than once or unknown to the course: ${duplicated.join(', ')}` }
  if (!raw) return { status: 'not-run', reason: 'this topic was not run' }
  const loadError = raw.errors[0]
  if (loadError && tests.every((t) => t.status === 'not-run')) {
    return { status: /ForbiddenImport|Forbidden (import|code)/.test(loadError) ? 'forbidden-import' : 'load-error', reason: loadError }
  }
  if (watchdogMessage) return { status: 'timed-out', reason: watchdogMessage }
  if (tests.some((t) => t.status === 'not-run')) {
    return { status: 'crashed', reason: raw.errors[0] ?? unhandled[0] ?? 'the test process ended before every test reported' }
  }
  if (tests.some((t) => t.status === 'tampered')) return { status: 'tampered', reason: tests.find((t) => t.status === 'tampered')?.failure?.summary }
  if (score === max) return { status: 'passed' }
  if (tests.every((t) => t.status === 'not-implemented')) return { status: 'not-started' }
  return { status: score > 0 ? 'partial' : 'failed' }
}

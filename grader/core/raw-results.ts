// The structured record of one vitest run that every consumer reads: the grader's scoring, the
// students' progress table, `npm run verify`. It holds what vitest and the harness reported,
// never anything the exercise code printed.
import type { FailureInfo, Outcome } from './failure.ts'
import type { Plot } from './plots.ts'
import type { RegionCount } from './regions.ts'
import type { WatchdogReport } from './diagnostics.ts'

export interface RawTest {
  /** The manifest id from the test's meta; absent only for tests not registered by `graded`. */
  id?: string
  title: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  durationMs?: number
  outcome?: Outcome
  failure?: FailureInfo
  backend?: string
  plots?: Plot[]
  /** How often each property reached its named input regions. */
  regions?: RegionCount[]
  /** The base seed, when the run registered every test under several seeds (COURSE_SEEDS). */
  seed?: number
  /** vitest's error messages, for failures that did not come through the harness. */
  errors: string[]
}

export interface RawTopic {
  topic: string
  /** vitest's state for the whole file: `failed` with pending tests means the run was cut short. */
  state: string
  tests: RawTest[]
  /** Errors outside any test: the module failed to load (syntax error, forbidden import, …). */
  errors: string[]
}

export interface RawRun {
  topics: RawTopic[]
  /** Errors vitest could not attach to a test, such as a test process that died. */
  unhandledErrors: string[]
  /** What the watchdog reported before it ended a test process. */
  watchdog: WatchdogReport[]
  durationMs: number
  /** What the exercise code wrote to the console, cut to a bounded size (untrusted; see ResultsReporter). */
  console?: string
}

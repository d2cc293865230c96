// The structured record of one vitest run that every consumer reads: the grader's scoring, the
// students' progress table, `npm run verify`. It holds what vitest and the harness reported,
// never anything the exercise code printed.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs'
import path from 'node:path'
import type { SerializedError, TestModule } from 'vitest/node'
import type { FailureInfo, Outcome } from '../harness/meta.ts'
import type { Plot } from '../harness/plots.ts'
import type { RegionCount } from '../harness/regions.ts'
import type { WatchdogReport } from '../harness/watchdog.ts'

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

const errorText = (e: SerializedError | { message?: string; name?: string }) => `${e.name ?? 'Error'}: ${e.message ?? ''}`.trim()

export function collectRun(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>, diagnosticsFile: string | undefined, durationMs: number): RawRun {
  const topics = modules.map((module): RawTopic => {
    const tests = [...module.children.allTests()].map((test): RawTest => {
      const result = test.result()
      const meta = test.meta()
      return {
        id: meta.testId,
        title: test.name,
        state: result.state,
        durationMs: test.diagnostic()?.duration,
        outcome: meta.outcome,
        failure: meta.failure,
        backend: meta.backend,
        plots: meta.plots,
        regions: meta.regions,
        seed: meta.seed,
        errors: (result.errors ?? []).map(errorText),
      }
    })
    return {
      topic: path.basename(path.dirname(module.moduleId)),
      state: module.state(),
      tests,
      errors: module.errors().map(errorText),
    }
  })
  return { topics, unhandledErrors: unhandled.map(errorText), watchdog: readWatchdogReports(diagnosticsFile), durationMs }
}

/** The notes file is the test processes' (no student code writes it); still, only its first few MB are read. */
const MAX_NOTES_BYTES = 4 * 1024 * 1024

function readWatchdogReports(file: string | undefined): WatchdogReport[] {
  if (!file || !existsSync(file)) return []
  let text: string
  try {
    const fd = openSync(file, 'r')
    try {
      const buffer = Buffer.alloc(Math.min(fstatSync(fd).size, MAX_NOTES_BYTES))
      readSync(fd, buffer, 0, buffer.length, 0)
      text = buffer.toString('utf8')
    } finally {
      closeSync(fd)
    }
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        // The file also notes each test's start (kind "started"); only the watchdog's reports count here.
        const report = JSON.parse(line) as WatchdogReport | { kind?: unknown }
        return report.kind === 'timeout' ? [report as WatchdogReport] : []
      } catch {
        return []
      }
    })
}

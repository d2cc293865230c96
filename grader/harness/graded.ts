// `topic(import.meta.url).graded(id, title, body)` registers one graded test, and `forAll` runs a
// fast-check property inside it. Together they turn any failure into the course's feedback:
// the smallest failing input, expected vs received, the seed to reproduce, and the manifest's hint.
//
// The code under test runs in a student process of its own (grader/bridge/): this module, the tests
// and the oracles run in a process that no student code enters, so a verdict here is the course's.
// Each test gives the student's code a deadline; whatever happens over there (an endless loop, an
// exit, running out of memory) fails the test that met it, and the next call starts afresh.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, test, type TestContext } from 'vitest'
import { loadManifest, type TestEntry } from '../core/manifest.ts'
import { REFERENCE_DIR, isInside } from '../core/paths.ts'
import { closeStudentProcesses } from '../bridge/client.ts'
import { StudentCrash, StudentLoadError, StudentTimeout, isProcessFailure } from '../bridge/errors.ts'
import { setCallDeadline } from '../bridge/student-process.ts'
import { Mismatch, isNotImplemented } from './assert.ts'
import { currentLang } from '../core/lang.ts'
import { msg } from '../core/i18n.ts'
import { baseSeed, reproduceCommand, testSeed } from '../core/test-seed.ts'
import { show, showNamed } from './show.ts'
import { arm, recordStart } from './watchdog.ts'
import { type FailureInfo, type Outcome, formatFailure } from '../core/failure.ts'
import { type Plot, compactPlot } from '../core/plots.ts'
import { type RegionCount, RegionCounter, type Regions } from '../core/regions.ts'
import { readSetting } from '../core/settings.ts'

/**
 * COURSE_SKIP_TESTS: a JSON array of `<topic>/<test id>` that the grader leaves out when it re-runs a
 * topic whose test hung or crashed its test process, so the topic's other tests still earn their points.
 */
const skipped = new Set<string>(readSetting('skipTests') ?? [])
/**
 * COURSE_SEEDS (the maintainers' `npm run flaky`): base seeds separated by commas. Each graded test
 * is then registered once per seed (its meta says which), so one run judges a target under all of
 * them; without it, the one base seed of `baseSeed()`.
 */
function baseSeeds(): number[] {
  const seeds = readSetting('seeds')
  return seeds?.length ? seeds : [baseSeed()]
}
/** COURSE_NO_SHRINK=1: a failing property stops at its first counterexample (a verdict is all `npm run flaky` needs). */
const noShrink = readSetting('noShrink') === true

export const DEFAULT_TIMEOUT_MS = 10_000
/** Extra time the watchdog allows past a test's own timeout before it ends the process. */
const WATCHDOG_GRACE_MS = 2_000
/** Of a test's time, what the student's calls may use: the rest is left for the test to report. */
const REPORT_MARGIN_MS = 300
/** Time allowed for loading a test file with its libraries and the exercise code. */
export const IMPORT_MS = 30_000
/** Time allowed between tests (hooks, the next file's imports) before the watchdog fires. */
export const IDLE_MS = 60_000

interface Running {
  topic: string
  id: string
  /** The run's base seed, and the seed this test's properties use. */
  base: number
  seed: number
  meta?: TestContext['task']['meta']
}
let running: Running | undefined

export interface GradedOptions {
  /** Milliseconds; training tests need more than the default 10 s. */
  timeout?: number
}

/** Hidden tests live in `*.hidden.test.ts` files, which the student release leaves out. */
export const HIDDEN_TEST_FILE = /\.hidden\.test\.ts$/

/** Binds graded tests to the topic whose folder holds the calling test file. */
export function topic(testFileUrl: string) {
  const file = fileURLToPath(testFileUrl)
  const name = path.basename(path.dirname(file))
  const manifest = loadManifest(name)
  const inHiddenFile = HIDDEN_TEST_FILE.test(file)
  // Each test file starts its own student processes and ends them when it is done.
  afterAll(() => closeStudentProcesses(name))

  function graded(id: string, title: string, body: () => unknown, options: GradedOptions = {}): void {
    const entry = manifest.tests[id]
    if (!entry) throw new Error(`${name}: test "${id}" has no points in manifest.json`)
    if ((entry.hidden ?? false) !== inHiddenFile) {
      throw new Error(`${name}: test "${id}" is ${entry.hidden ? 'hidden in manifest.json but written in a visible test file' : 'in a *.hidden.test.ts file but not marked "hidden": true in manifest.json'}`)
    }
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS
    const points = `${entry.points} ${entry.points === 1 ? 'pt' : 'pts'}`
    const register = skipped.has(`${name}/${id}`) ? test.skip : test
    const seeds = baseSeeds()
    // Under COURSE_SEEDS each registration says its seed, in its title and its meta.
    const tagged = !!readSetting('seeds')?.length
    for (const base of seeds) {
      register(`${title} [${points}]${tagged ? ` (seed ${base})` : ''}`, { meta: { testId: id, topic: name, title, ...(tagged ? { seed: base } : {}) }, timeout }, (context) =>
        runGraded(context, { topic: name, id, base, seed: testSeed(base, id) }, entry, body, timeout),
      )
    }
  }
  return { name, manifest, graded }
}

async function runGraded(context: TestContext, run: Running, entry: TestEntry, body: () => unknown, timeout: number) {
  const meta = context.task.meta
  running = { ...run, meta }
  const seconds = Math.round(timeout / 1000)
  recordStart(run.topic, run.id)
  arm(timeout + WATCHDOG_GRACE_MS, { kind: 'timeout', topic: run.topic, testId: run.id, message: msg('timedOut', { test: run.id, seconds }) })
  setCallDeadline(Date.now() + Math.max(timeout - REPORT_MARGIN_MS, timeout / 2), timeout)
  try {
    await body()
    meta.outcome = 'passed'
  } catch (error) {
    const failure = describeFailure(error, run, entry)
    meta.outcome = failure.outcome
    meta.failure = failure
    throw toReportedError(failure, error)
  } finally {
    setCallDeadline(undefined)
    running = undefined
    arm(IDLE_MS, { kind: 'timeout', topic: run.topic, message: msg('timedOut', { test: `after ${run.id}`, seconds: IDLE_MS / 1000 }) })
  }
}

/** Attaches a plot to the running test, for the HTML report (see plots.ts). */
export function recordPlot(plot: Plot): void {
  if (!running?.meta) throw new Error('recordPlot must be called inside a graded test')
  const compact = compactPlot(plot)
  if (compact) running.meta.plots = [...(running.meta.plots ?? []), compact]
}

/**
 * The running test's own seed (derived from the run's base seed and the test id, as its properties'
 * are): for statistical tests that draw many random numbers themselves rather than inputs.
 */
export function testSeedNow(): number {
  if (!running) throw new Error('testSeedNow must be called inside a graded test')
  return running.seed
}

/** Adds what one property reached to the running test's meta (see regions.ts). */
function recordRegions(count: RegionCount): void {
  if (running?.meta) running.meta.regions = [...(running.meta.regions ?? []), count]
}

/** Records which TensorFlow.js backend the running test used. */
export function recordBackend(backend: string): void {
  if (running?.meta) running.meta.backend = backend
}

/** Thrown by `forAll` when fast-check found a failing input; carries the shrunk counterexample. */
class PropertyFailure extends Error {
  override name = 'PropertyFailure'
  constructor(
    readonly original: unknown,
    readonly counterexample: Record<string, unknown>,
    readonly shrinks: number,
    readonly path: string,
  ) {
    super('property failed')
  }
}

export interface ForAllOptions<T> {
  /** How many random inputs to try (fast-check's default is 100). */
  numRuns?: number
  /** Inputs always tried first, such as the lecture's own example. */
  examples?: T[]
  /**
   * The named input regions this property must reach, each with its floor per run (see
   * regions.ts). Every property declares them; `npm run regions` counts the hits.
   */
  regions?: Regions<T>
  /** The property's name in the regions report (default: `#k`, its position in the test). */
  label?: string
}

type Arbitraries<T> = { [K in keyof T]: fc.Arbitrary<T[K]> }

/**
 * Checks `check` on random inputs drawn from `arbitraries`, with the running test's seed. A failure
 * of the student's process (a time-out, a crash) ends the property at once: it is reported with the
 * input that met it, without shrinking (every later call would only meet the same end).
 */
export function forAll<T extends Record<string, unknown>>(
  arbitraries: Arbitraries<T>,
  check: (input: T) => void,
  options: ForAllOptions<NoInfer<T>> = {},
): void {
  const stop = processFailureGuard<T>()
  const counter = new RegionCounter(options.regions)
  const property = fc.property(fc.record(arbitraries) as fc.Arbitrary<T>, (input) => {
    const regions = counter.classify(input)
    stop.run(input, () => countedCheck(counter, () => check(input)))
    counter.count(regions)
  })
  const details = fc.check(property, parameters(options))
  recordRegions(counter.result(propertyLabel(options)))
  stop.rethrow()
  report(details)
  report(details)
}

/** `forAll` for checks that await (TensorFlow.js oracles). */
export async function forAllAsync<T extends Record<string, unknown>>(
  arbitraries: Arbitraries<T>,
  check: (input: T) => Promise<void>,
  options: ForAllOptions<NoInfer<T>> = {},
): Promise<void> {
  const stop = processFailureGuard<T>()
  const counter = new RegionCounter(options.regions)
  const property = fc.asyncProperty(fc.record(arbitraries) as fc.Arbitrary<T>, async (input) => {
    if (stop.failure) throw stop.failure.error
    const regions = counter.classify(input)
    try {
      await check(input)
    } catch (error) {
      stop.note(error, input)
      if (!fc.PreconditionFailure.isFailure(error)) counter.stop()
      throw error
    }
    counter.count(regions)
  })
  const details = await fc.check(property, parameters(options))
  recordRegions(counter.result(propertyLabel(options)))
  stop.rethrow()
  report(details)
}

/** Runs one check; a failure that is not fast-check's skipped precondition ends the region count. */
function countedCheck<T>(counter: RegionCounter<T>, check: () => void): void {
  try {
    check()
  } catch (error) {
    if (!fc.PreconditionFailure.isFailure(error)) counter.stop()
    throw error
  }
}

/** Remembers the first failure of the student's process in a property, and the input that met it. */
function processFailureGuard<T>() {
  const guard = {
    failure: undefined as { error: unknown; input: T } | undefined,
    note(error: unknown, input: T): void {
      if (!guard.failure && isProcessFailure(error)) guard.failure = { error, input }
    },
    run(input: T, check: () => void): void {
      if (guard.failure) throw guard.failure.error
      try {
        check()
      } catch (error) {
        guard.note(error, input)
        throw error
      }
    },
    rethrow(): void {
      if (guard.failure) throw new PropertyFailure(guard.failure.error, guard.failure.input as Record<string, unknown>, 0, '')
    },
  }
  return guard
}

function propertyLabel<T>(options: ForAllOptions<T>): string {
  return options.label ?? `#${(running?.meta?.regions?.length ?? 0) + 1}`
}

function parameters<T>(options: ForAllOptions<T>): fc.Parameters<[T]> {
  if (!running) throw new Error('forAll must be called inside a graded test')
  return {
    seed: running.seed,
    numRuns: options.numRuns ?? 100,
    examples: (options.examples ?? []).map((e) => [e] as [T]),
    ...(noShrink ? { endOnFailure: true } : {}),
  }
}

function report<T>(details: fc.RunDetails<[T]>): void {
  if (!details.failed) return
  const input = (details.counterexample?.[0] ?? {}) as Record<string, unknown>
  const cause = details.errorInstance ?? new Mismatch('the property returned false', true, false)
  if (isNotImplemented(cause)) throw cause
  throw new PropertyFailure(cause, input, details.numShrinks, details.counterexamplePath ?? '')
}

const ORACLES_DIR = path.join(REFERENCE_DIR, 'oracles')

/** True when the first stack frame that names a file lies in reference/oracles/. */
export function thrownByOracle(error: unknown): boolean {
  if (!(error instanceof Error) || !error.stack) return false
  for (const line of error.stack.split('\n')) {
    const file = /\(?((?:file:\/\/)?\/[^:()]+):\d+:\d+\)?\s*$/.exec(line)?.[1]?.replace(/^file:\/\//, '')
    if (file && !file.includes('/node_modules/')) return isInside(file, ORACLES_DIR)
  }
  return false
}

function describeFailure(error: unknown, run: Running, entry: TestEntry): FailureInfo {
  const lang = currentLang()
  const base = run.base
  const common = {
    seed: base,
    propertySeed: run.seed,
    reproduce: reproduceCommand(base, run.topic),
    hint: entry.hint[lang],
  }
  const property = error instanceof PropertyFailure ? error : undefined
  const cause = property ? property.original : error
  const counterexample = property && Object.keys(property.counterexample).length
    ? { counterexample: showNamed(property.counterexample), shrinks: property.shrinks, path: property.path }
    : {}
  let outcome: Outcome = 'failed'
  let summary: string
  let expected: string | undefined
  let received: string | undefined
  let tolerance: string | undefined
  if (isNotImplemented(cause)) {
    outcome = 'not-implemented'
    summary = msg('notImplemented', { what: (cause as Error).message.replace(/^not implemented:?\s*/i, ''), file: `exercises/${run.topic}/` }, lang)
    return { outcome, summary, ...common }
  } else if (cause instanceof StudentTimeout) {
    outcome = 'timeout'
    summary = msg('studentTimeout', { seconds: Math.round(cause.allowedMs / 1000) }, lang)
  } else if (cause instanceof StudentCrash) {
    outcome = 'crashed'
    summary = crashSummary(cause, lang)
  } else if (cause instanceof StudentLoadError) {
    outcome = 'load-error'
    // A refused import says so in its own words; the rest says what happened.
    summary = cause.problem === 'forbidden-import' ? cause.message : msg('loadFailed', { detail: cause.message }, lang)
    return { outcome, loadProblem: cause.problem, summary, ...common }
  } else if (cause instanceof Mismatch) {
    summary = cause.message
    if (cause.expectedValue !== undefined || cause.actualValue !== undefined) {
      expected = show(cause.expectedValue)
      received = show(cause.actualValue)
    }
    if (cause.tolerance) tolerance = `abs ${cause.tolerance.abs ?? 0}, rel ${cause.tolerance.rel ?? 0}`
  } else {
    outcome = 'error'
    const shown = cause instanceof Error ? `${cause.name}: ${cause.message}` : `a non-Error value ${show(cause)}`
    // An error raised inside the course's own oracle is the course's fault, not the student's: say so.
    summary = msg(thrownByOracle(cause) ? 'oracleFailed' : 'threw', { error: shown }, lang)
  }
  return { outcome, summary, ...counterexample, expected, received, tolerance, ...common }
}

function crashSummary(crash: StudentCrash, lang: ReturnType<typeof currentLang>): string {
  const d = crash.details
  switch (crash.reason) {
    case 'exit':
      return msg('crashExit', { code: String(d.code) }, lang)
    case 'memory':
      return msg('crashMemory', { signal: d.signal ?? '', mb: d.mb ?? 0 }, lang)
    case 'signal':
      return msg('crashSignal', { signal: d.signal ?? '' }, lang)
    case 'too-large':
      return msg('crashTooLarge', { mb: d.mb ?? 0, limit: d.limit ?? 0 }, lang)
    case 'protocol':
      return msg('crashProtocol', { detail: d.detail ?? '' }, lang)
    case 'start':
      return msg('crashStart', { detail: d.detail ?? '' }, lang)
  }
}

function toReportedError(failure: FailureInfo, original: unknown): Error {
  const error = new Error(formatFailure(failure))
  error.name = failure.outcome === 'not-implemented' ? 'NotImplemented' : 'GradedTestFailure'
  const cause = original instanceof PropertyFailure ? original.original : original
  // Keep the frames of an error the student's code threw (they point at the faulty line); drop
  // the harness's own frames otherwise, and for a stub, so an untouched topic is not a wall of traces.
  const frames = failure.outcome === 'error' && cause instanceof Error ? (cause.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : []
  error.stack = [`${error.name}: ${error.message}`, ...frames].join('\n')
  return error
}

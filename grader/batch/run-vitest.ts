// One run of the course's test suite on a staged workspace, inside the sandbox and within limits.
// The test runner's main process writes the structured results (grader/vitest/results-reporter.ts)
// to a file the grader reads afterwards; nothing the exercise code prints is ever parsed.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT } from '../core/paths.ts'
import type { RawRun } from '../core/raw-results.ts'
import { VITEST_BIN } from '../vitest/run-suite.ts'
import { type TestStarted, readDiagnostics, startsIn } from '../core/diagnostics.ts'
import { type FileSystemView, type Sandbox, sandboxed } from '../sandbox/isolation.ts'
import { type Supervised, supervise } from '../sandbox/supervise.ts'
import type { VitestServer } from './vitest-server-client.ts'
import { type TestSettings, readSetting, settingsEnv } from '../core/settings.ts'
import { parseRawRun } from '../core/schemas.ts'

export interface RunLimits {
  /** Wall-clock time allowed per topic (ms); a run of n topics gets n times this, plus start-up. */
  topicTimeoutMs: number
  /**
   * Memory allowed to each test process (MB). The grader ends a process whose resident size passes
   * it (quick, and the grader knows why); V8's own heap limit, at the same size, is the backstop.
   */
  memoryMb: number
  /** Output kept from the run (bytes). */
  outputBytes: number
  /** Time allowed for loading a test file with the exercise code (ms); undefined: the harness's default. */
  importTimeoutMs?: number
}

/** The limits a teacher gets without asking for others (see `npm run grade -- --help`). */
export const DEFAULT_LIMITS: RunLimits = { topicTimeoutMs: 600_000, memoryMb: 2048, outputBytes: 256 * 1024 }
/** Re-runs of a topic after a test hung or crashed its process. */
export const DEFAULT_RETRIES = 2

export interface RunRequest {
  workspace: string
  topics: string[]
  /** Tests left out, as `<topic>/<test id>`. */
  skip: string[]
  seed: number
  /** A new folder for this run's results, diagnostics and scratch files. */
  runDir: string
  sandbox: Sandbox
  view: FileSystemView
  limits: RunLimits
  /** One test process for all the topics (default); false: one per test file, vitest's default. */
  sharedProcess?: boolean
  /** Vite's transforms of the course's own modules, shared by the batch (grader/vitest/module-cache.ts). */
  moduleCacheDir?: string
  /** The job's kept vitest main process (grader/vitest/server.ts); without it, a new one per run. */
  server?: VitestServer
}

export interface RunAttempt {
  topics: string[]
  skip: string[]
  /** The structured results, if the runner lived to write them. */
  run?: RawRun
  /** Tests that began, in order (from the harness's notes). */
  started: TestStarted[]
  process: Supervised
}

const STARTUP_MS = 30_000

export async function runVitest(request: RunRequest): Promise<RunAttempt> {
  const { runDir, limits } = request
  const scratch = path.join(runDir, 'tmp')
  mkdirSync(scratch, { recursive: true })
  const resultsFile = path.join(runDir, 'results.json')
  const diagnosticsFile = path.join(runDir, 'diagnostics.jsonl')
  // The test processes run only the course's code; their heap is capped like the student processes'.
  const flags = [`--max-old-space-size=${Math.max(256, Math.floor(limits.memoryMb))}`]
  // What the test process needs to know about this run (and the student processes it starts). A
  // clean environment otherwise: the grader's own variables (tokens in CI, for one) stay here.
  const perRun: Record<string, string> = {
    HOME: runDir,
    TMPDIR: scratch,
    ...settingsEnv({
      lang: readSetting('lang'),
      tfjsNode: readSetting('tfjsNode'),
      target: request.workspace,
      seed: request.seed,
      // The student processes: the permission flags this Node takes, their heap, their output.
      nodeFeatures: request.sandbox.node,
      studentHeapMb: Math.max(256, Math.floor(limits.memoryMb)),
      // A quarter of the run's output: the student's head and tail, and the note between them, fit in what the grader keeps.
      studentOutputBytes: Math.floor(limits.outputBytes / 4),
      skipTests: request.skip,
      importTimeoutMs: limits.importTimeoutMs || undefined,
    } satisfies TestSettings),
  }
  const wallClockMs = limits.topicTimeoutMs * request.topics.length + STARTUP_MS
  const supervised = request.server
    ? await request.server.run({ workspace: request.workspace, topics: request.topics, isolate: !sharesProcess(request), execArgv: flags, env: perRun, resultsFile, diagnosticsFile }, { wallClockMs, rssMb: limits.memoryMb, outputBytes: limits.outputBytes })
    : await runInNewProcess(request, { flags, perRun, resultsFile, diagnosticsFile, wallClockMs })
  return { topics: request.topics, skip: request.skip, run: readResults(resultsFile), started: startsIn(readDiagnostics(diagnosticsFile)), process: supervised }
}

/** The suite in a vitest process of its own, started for this run inside the sandbox. */
async function runInNewProcess(
  request: RunRequest,
  run: { flags: string[]; perRun: Record<string, string>; resultsFile: string; diagnosticsFile: string; wallClockMs: number },
): Promise<Supervised> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ...run.perRun,
    ...settingsEnv({
      resultsFile: run.resultsFile,
      diagnosticsFile: run.diagnosticsFile,
      quiet: true,
      execArgv: run.flags,
      cacheDir: path.join(request.runDir, 'vite-cache'),
      scratchRoot: request.view.scratchRoot,
      moduleCache: request.moduleCacheDir,
      // All the topics of one submission in one test process: the libraries (fast-check, mathjs,
      // TensorFlow.js) load once instead of once per topic. Only this student's code shares it; a
      // topic that dies takes the rest of the run with it, and gradeWorkspace runs those again alone.
      sharedProcess: sharesProcess(request) || undefined,
    }),
  }
  const vitest = [
    process.execPath,
    VITEST_BIN,
    'run',
    // Bundling the config would write next to it; the course is read-only inside the sandbox.
    '--configLoader',
    'runner',
    // One test process at a time per submission: the batch runs submissions in parallel instead.
    '--maxWorkers=1',
    ...request.topics.map((topic) => `exercises/${topic}/`),
  ]
  const { file, args } = sandboxed(request.sandbox, vitest, request.view)
  return supervise(file, args, {
    env,
    cwd: COURSE_ROOT,
    limits: { wallClockMs: run.wallClockMs, rssMb: request.limits.memoryMb, outputBytes: request.limits.outputBytes },
  })
}

/** All the topics of the run in one test process (see COURSE_SHARED_PROCESS in course-config.ts). */
function sharesProcess(request: RunRequest): boolean {
  return request.topics.length > 1 && request.sharedProcess !== false
}

/** What the grader reads of a run's files at most: they are written by the test runner, but a bug, a full disk or a runaway must never take the grader down. */
const MAX_RESULTS_BYTES = 256 * 1024 * 1024

function readResults(file: string): RawRun | undefined {
  const text = readCapped(file, MAX_RESULTS_BYTES)
  if (text === undefined) return undefined
  try {
    const parsed = parseRawRun(JSON.parse(text))
    return parsed.ok ? parsed.result : undefined
  } catch {
    return undefined
  }
}

/** A file's text, or undefined if it is missing or larger than `maxBytes` (a file that large is not a result). */
export function readCapped(file: string, maxBytes: number): string | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    if (fstatSync(fd).size > maxBytes) return undefined
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

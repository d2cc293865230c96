// One run of the course's test suite on a staged workspace, inside the sandbox and within limits.
// The test runner's main process writes the structured results (grader/reporters/results-reporter.ts)
// to a file the grader reads afterwards; nothing the exercise code prints is ever parsed.
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT } from '../paths.ts'
import type { RawRun } from '../reporters/raw-results.ts'
import { VITEST_BIN } from '../run-suite.ts'
import type { TestStarted } from '../harness/watchdog.ts'
import { type FileSystemView, type Sandbox, sandboxed, testProcessFlags } from './sandbox.ts'
import { type Supervised, supervise } from './supervise.ts'

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
  sealKey: string
  /** A new folder for this run's results, diagnostics and scratch files. */
  runDir: string
  sandbox: Sandbox
  view: FileSystemView
  limits: RunLimits
  /** One test process for all the topics (default); false: one per test file, vitest's default. */
  sharedProcess?: boolean
  /** Vite's transforms of the course's own modules, shared by the batch (grader/config/module-cache.ts). */
  moduleCacheDir?: string
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
  const flags = testProcessFlags({
    read: [
      path.join(COURSE_ROOT, 'node_modules', '*'),
      // Node checks the real path of what it loads: a node_modules that is a link (a shared install)
      // must be allowed where it really is.
      path.join(realpathSync(path.join(COURSE_ROOT, 'node_modules')), '*'),
      path.join(COURSE_ROOT, 'package.json'),
      path.join(COURSE_ROOT, 'exercises', '*'),
      path.join(COURSE_ROOT, 'reference', '*'),
      path.join(request.workspace, '*'),
      // The runner hands modules to its test processes through files in its temp folder.
      path.join(scratch, '*'),
      // Vite's transforms of the course's own modules (no secrets: the same code as the course's files).
      ...(request.moduleCacheDir ? [path.join(request.moduleCacheDir, '*')] : []),
    ],
    write: [diagnosticsFile],
    heapMb: Math.max(256, Math.floor(limits.memoryMb)),
  })
  // A clean environment: the grader's own variables (tokens in CI, for one) never reach student code.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: runDir,
    TMPDIR: scratch,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ...(process.env.COURSE_LANG ? { COURSE_LANG: process.env.COURSE_LANG } : {}),
    ...(process.env.COURSE_TFJS_NODE ? { COURSE_TFJS_NODE: process.env.COURSE_TFJS_NODE } : {}),
    COURSE_TARGET: request.workspace,
    COURSE_RESULTS_FILE: resultsFile,
    COURSE_DIAG_FILE: diagnosticsFile,
    COURSE_QUIET: '1',
    COURSE_SEED: String(request.seed),
    COURSE_SEAL_KEY: request.sealKey,
    COURSE_SKIP_TESTS: JSON.stringify(request.skip),
    COURSE_EXEC_ARGV: JSON.stringify(flags),
    COURSE_CACHE_DIR: path.join(runDir, 'vite-cache'),
    // All the topics of one submission in one test process: the libraries (fast-check, mathjs,
    // TensorFlow.js) load once instead of once per topic. Only this student's code shares it; a
    // topic that dies takes the rest of the run with it, and gradeWorkspace runs those again alone.
    ...(request.moduleCacheDir ? { COURSE_MODULE_CACHE: request.moduleCacheDir } : {}),
    ...(request.topics.length > 1 && request.sharedProcess !== false ? { COURSE_SHARED_PROCESS: '1' } : {}),
    ...(limits.importTimeoutMs ? { COURSE_IMPORT_TIMEOUT_MS: String(limits.importTimeoutMs) } : {}),
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
  const supervised = await supervise(file, args, {
    env,
    cwd: COURSE_ROOT,
    limits: { wallClockMs: limits.topicTimeoutMs * request.topics.length + STARTUP_MS, rssMb: limits.memoryMb, outputBytes: limits.outputBytes },
  })
  return { topics: request.topics, skip: request.skip, run: readResults(resultsFile), started: readStarted(diagnosticsFile), process: supervised }
}

function readResults(file: string): RawRun | undefined {
  if (!existsSync(file)) return undefined
  try {
    const run = JSON.parse(readFileSync(file, 'utf8')) as RawRun
    return Array.isArray(run.topics) ? run : undefined
  } catch {
    return undefined
  }
}

function readStarted(file: string): TestStarted[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const note = JSON.parse(line) as Partial<TestStarted>
        return note.kind === 'started' && typeof note.topic === 'string' && typeof note.testId === 'string' ? [note as TestStarted] : []
      } catch {
        return []
      }
    })
}

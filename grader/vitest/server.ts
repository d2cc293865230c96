// A vitest main process kept for one grading job, inside that job's sandbox, running the course's
// tests on one submission after another (grader/batch/vitest-server-client.ts starts and drives it).
//
// Starting vitest (loading vite and vitest, resolving the configuration, creating the module runner)
// costs about 2 s of CPU, more than a whole stub submission's tests; kept alive, a run costs its main
// process about 0.6 s. It never runs student code: each run's tests still get a new test process,
// with that submission's permission flags and environment, and nothing of one submission is left
// for the next: every module that may depend on the submission is invalidated (test files' transforms
// hold the resolved path of one student's code), the transformed copies handed to the test processes are deleted, vitest's record
// of the last run's test files is emptied, every process the run started is gone before the run is
// reported done, and the results go to that run's file.
// Any doubt (a process that had to be killed, an error of the runner) ends the server; the grader
// starts a new one.
import { readFileSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs'
import path from 'node:path'
import { createVitest } from 'vitest/node'
import { courseTestConfig } from './course-config.ts'
import type { Target } from './target.ts'
import { COURSE_ROOT, GRADER_DIR, REFERENCE_DIR, isInside } from '../core/paths.ts'
import { ResultsReporter } from './results-reporter.ts'
import { HAS_PROC, processTree } from '../sandbox/supervise.ts'
import { PER_RUN_VARIABLES, readSetting } from '../core/settings.ts'

/** One run, as the grader asks for it. */
export interface ServerRunRequest {
  type: 'run'
  id: number
  workspace: string
  topics: string[]
  /** One test process per test file (a single topic), or one for all of them (as COURSE_SHARED_PROCESS). */
  isolate: boolean
  /** The test process's Node flags (its heap).  */
  execArgv: string[]
  /** The test process's variables for this run (seed, tests to skip, temp folder, student process settings, …). */
  env: Record<string, string>
  resultsFile: string
  diagnosticsFile: string
}

export type ServerMessage = { type: 'ready' } | { type: 'done'; id: number; clean: boolean; problem?: string }


const LEFTOVER_GRACE_MS = 3_000
const NODE_MODULES = path.join(COURSE_ROOT, 'node_modules')
const REAL_NODE_MODULES = realpathSync(NODE_MODULES)

async function main(): Promise<void> {
  const send = (message: ServerMessage) => process.send!(message)
  const serverTmp = process.env.TMPDIR!
  // Mutable on purpose: the import guard, the code guard and the module cache read `dir` at each
  // call, so pointing it at the next workspace points the whole configuration there.
  const target: Target = { dir: readSetting('target')!, label: 'submission', overrides: {} }
  const reporter = new ResultsReporter({})
  const vitest = await createVitest('test', { watch: false, config: false, maxWorkers: 1 }, courseTestConfig(target, { reporters: [reporter], execArgv: [] }))
  await vitest.standalone()
  const copies = vitest.projects.map((p) => (p as unknown as { tmpDir?: string }).tmpDir)
  if (copies.some((dir) => typeof dir !== 'string' || !isInside(dir, serverTmp))) {
    throw new Error('vitest-server: cannot find where vitest keeps its copies of transformed modules (a vitest upgrade?)')
  }

  let queue = Promise.resolve()
  process.on('message', (request: ServerRunRequest) => {
    if (request?.type !== 'run') return
    queue = queue.then(async () => {
      let problem: string | undefined
      try {
        await runOnce(request)
      } catch (error) {
        problem = `the test runner failed: ${error instanceof Error ? error.message : String(error)}`
      }
      problem ??= await endLeftovers()
      for (const dir of copies) removeFilesUnder(dir!)
      send({ type: 'done', id: request.id, clean: !problem, ...(problem ? { problem } : {}) })
      // The grader starts a new server after anything unexpected; this one has nothing more to do.
      if (problem) process.exit(1)
    })
  })
  send({ type: 'ready' })

  async function runOnce(request: ServerRunRequest): Promise<void> {
    target.dir = request.workspace
    for (const name of PER_RUN_VARIABLES) delete process.env[name]
    Object.assign(process.env, request.env)
    for (const project of vitest.projects) {
      // Read by vitest each time it starts test processes (one run's flags and variables).
      project.config.execArgv = request.execArgv
      project.config.isolate = request.isolate
      project.config.env = { ...project.config.env, COURSE_DIAG_FILE: request.diagnosticsFile }
      for (const environment of Object.values(project.vite.environments)) forgetSubmission(environment.moduleGraph)
    }
    // What the last run left in vitest's memory goes: a test file that this run never reaches (its
    // process died first) must come out without results, not with the previous student's. (The
    // order of the files never depends on earlier runs: grader/vitest/sequencer.ts.)
    vitest.state.filesMap.clear()
    vitest.state.pathsSet.clear()
    vitest.state.idMap.clear()
    vitest.state.clearErrors()
    reporter.retarget({ outputFile: request.resultsFile, diagnosticsFile: request.diagnosticsFile })
    const specifications = await vitest.globTestSpecifications(request.topics.map((topic) => `exercises/${topic}/`))
    await vitest.runTestSpecifications(specifications, true)
  }
}

/**
 * Invalidates every module whose transform may depend on the submission: the course's test files
 * (their transforms hold the resolved path of `@target/…`), the submission's own files, and anything
 * else outside the course's grader/, reference/ and node_modules. The course's own modules keep
 * their transforms (the same rule as the shared module cache, grader/vitest/module-cache.ts); only
 * their copies for the test processes, deleted after each run, are made again.
 */
function forgetSubmission(graph: { idToModuleMap: Map<string, { file: string | null; transformResult: object | null }>; invalidateModule: (mod: never) => void }): void {
  for (const mod of graph.idToModuleMap.values()) {
    const file = mod.file
    const course = !!file && !/\.test\.ts$/.test(file) && [GRADER_DIR, REFERENCE_DIR, NODE_MODULES].some((dir) => isInside(file, dir))
    if (!course) graph.invalidateModule(mod as never)
    else if (mod.transformResult) Reflect.deleteProperty(mod.transformResult, '_vitest_tmp')
  }
}

/** Waits for the run's test processes to end; ends any still there after a grace period. */
async function endLeftovers(): Promise<string | undefined> {
  // Without /proc (not Linux) vitest's own ending of its test processes has to do.
  if (!HAS_PROC) return undefined
  // A process that has ended but is not yet reaped (a zombie, state Z) runs nothing: not a leftover.
  const children = () => [...processTree(process.pid)].filter(([pid, fields]) => pid !== process.pid && fields?.[0] !== 'Z' && !isOwnHelper(pid)).map(([pid]) => pid)
  const deadline = Date.now() + LEFTOVER_GRACE_MS
  while (children().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
  const left = children()
  if (left.length === 0) return undefined
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // ended meanwhile
    }
  }
  return `${left.length} test process(es) still ran after the run ended and were killed`
}

/**
 * The runner's own helpers, which are not test processes: the esbuild service that tsx, the server's
 * own TypeScript loader, starts on first use and keeps for the server's life (a cold tsx cache: the
 * first server of a batch), and vitest's watchdog (vitest 5), which ends the test processes if the
 * main process dies. Taking one for a leftover would replace the server after its first run and
 * tell that student a process of theirs had to be killed. Test processes cannot start programs (the
 * permission model), so they cannot pass for one of these.
 */
function isOwnHelper(pid: number): boolean {
  try {
    const executable = readlinkSync(`/proc/${pid}/exe`)
    if (path.basename(executable) === 'esbuild' && isInside(executable, REAL_NODE_MODULES)) return true
    // vitest's watchdog sets its title (which replaces its command line) and has no output: its
    // stdout is /dev/null, which a test process (its stdout a pipe to vitest) has no way to become.
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.trim()
    return executable === process.execPath && title === 'vitest-watchdog' && readlinkSync(`/proc/${pid}/fd/1`) === '/dev/null'
  } catch {
    return false
  }
}

function removeFilesUnder(dir: string): void {
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const name of entries) {
    const full = path.join(dir, name)
    // vitest keeps its folders (it remembers that it made them); only the files go.
    try {
      readdirSync(full)
      removeFilesUnder(full)
    } catch {
      rmSync(full, { force: true })
    }
  }
}

await main()

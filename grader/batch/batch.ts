// A batch: every submission of a folder (or one shard of them), graded `jobs` at a time, each in a
// fresh workspace and its own sandboxed processes, each result kept in the cache as soon as it is
// known, and the outputs written at the end.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeFileAtomic } from '../core/atomic-write.ts'
import { loadManifest, selectTopics as selectNamedTopics } from '../core/manifest.ts'
import { COURSE_ROOT, SOLUTIONS_DIR, isInside } from '../core/paths.ts'
import { type BatchResult, type Note, type RosterEntry, type StudentResult, notesOf } from '../core/results.ts'
import { scoreRun } from '../core/scoring.ts'
import { ResultCache, cacheKey } from './cache.ts'
import { courseVersion } from '../core/course-version.ts'
import { type Submission, discoverSubmissions, inShard } from './discover.ts'
import { gradeWorkspace } from './grade-workspace.ts'
import { writeOutputs } from './outputs/write-outputs.ts'
import type { Progress } from './progress.ts'
import type { RunLimits } from './run-vitest.ts'
import { type FileSystemView, type IsolationMode, type Sandbox, detectSandbox } from '../sandbox/isolation.ts'
import { type CourseSecret, SECRET_DIR, randomSeed, readCourseSecret, seedPolicy, studentSeed } from '../core/seeds.ts'
import { stageSubmission } from './staging.ts'
import { stopCheckers, typeCheck } from './typecheck.ts'
import { VitestServer } from './vitest-server-client.ts'
import { mapLimited } from '../core/pool.ts'
import * as v from 'valibot'

export interface GradeOptions {
  submissions: string
  out: string
  jobs: number
  /** Topic folders or their number prefixes (`01`); default: every topic of the course. */
  topics?: string[]
  /**
   * One seed for everyone. Default: each student's seed derived from the course secret (see
   * seeds.ts), else the seed this output folder was graded with before, else a new random one.
   */
  seed?: number
  /** The course secret (default: COURSE_SECRET, COURSE_SECRET_FILE or the autograder's bundled file). */
  secret?: CourseSecret | null
  shard?: { index: number; count: number }
  limits: RunLimits
  retries: number
  typecheck: boolean
  isolation: IsolationMode
  /** Where finished students are kept; default `<out>/.grader/cache`. */
  cacheDir?: string
  /** Grade everyone again, ignoring the cache. */
  fresh: boolean
  /** The class list: students on it without a submission are recorded as "not submitted". */
  roster?: RosterEntry[]
  /** The gradebook column's name in gradebook.csv. */
  assignment?: string
  /** Write the HTML reports too (default true; shards can leave them to the merge). */
  html?: boolean
  /**
   * Write the class's output files into `out` (default true). False: only the cache and the seed
   * are kept there, and the caller writes what it needs (a student's own report, Gradescope).
   */
  outputs?: boolean
  /**
   * Keep one vitest main process per job for the whole batch (default true): only the test
   * processes are new for each run (grader/vitest/server.ts). False: a new one per run.
   */
  keepRunner?: boolean
  progress: Progress
}

export interface BatchOutcome {
  batch: BatchResult
  graded: number
  cached: number
  warnings: string[]
}

const TYPECHECK_TIMEOUT_MS = 120_000

/** Scratch folders of batches in progress, removed by `removeScratch` when the grader is interrupted. */
const scratchRoots = new Set<string>()

/** Scratch folders left by graders that were killed (`course-grade-<pid>-…` whose process is gone). */
function removeAbandonedScratch(): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(/^course-grade-(\d+)-/.exec(name)?.[1])
    if (!pid || pid === process.pid) continue
    try {
      process.kill(pid, 0)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true })
    }
  }
}

export function removeScratch(): void {
  for (const dir of scratchRoots) rmSync(dir, { recursive: true, force: true })
  scratchRoots.clear()
}

export async function gradeBatch(options: GradeOptions): Promise<BatchOutcome> {
  const startedAt = new Date().toISOString()
  const topics = selectTopics(options.topics)
  const version = courseVersion()
  refuseOverlap(options.submissions, options.out)
  mkdirSync(options.out, { recursive: true })
  const out = realpathSync(options.out)
  const secret = options.secret === null ? undefined : (options.secret ?? readCourseSecret())
  const policy = seedPolicy(options.seed, secret)
  const batchSeed = policy.kind === 'secret' ? 0 : chooseSeed(out, options.seed, version)
  const seedOf = (id: string) => (policy.kind === 'secret' ? studentSeed(secret!.value, id) : batchSeed)
  const cacheDir = path.resolve(options.cacheDir ?? path.join(out, '.grader', 'cache'))
  mkdirSync(cacheDir, { recursive: true })
  const cache = new ResultCache(cacheDir)
  const warnings: string[] = []

  const { submissions, ignored } = discoverSubmissions(options.submissions)
  for (const line of ignored) warnings.push(`ignored ${line}`)
  const mine = options.shard ? submissions.filter((s) => inShard(s.id, options.shard!)) : submissions
  const sandbox = detectSandbox(options.isolation)
  if (sandbox.warning) {
    warnings.push(sandbox.warning)
    options.progress.note(`warning: ${sandbox.warning}`)
  }

  removeAbandonedScratch()
  const scratchRoot = mkdtempSync(path.join(os.tmpdir(), `course-grade-${process.pid}-`))
  scratchRoots.add(scratchRoot)
  if (sandbox.namespaces && isInside(scratchRoot, COURSE_ROOT)) throw new Error(`the temporary folder (${os.tmpdir()}) must be outside the course folder: set TMPDIR`)
  const view = fileSystemView(scratchRoot, [out, realpathSync(options.submissions), cacheDir, SECRET_DIR, ...(secret?.file ? [path.dirname(secret.file)] : [])])
  const settings = { topics, limits: options.limits, retries: options.retries, typecheck: options.typecheck }

  const results = new Map<string, StudentResult>()
  let graded = 0
  let cached = 0
  options.progress.start(mine.length, 0)
  const moduleCacheDir = path.join(scratchRoot, 'module-cache')
  // One kept vitest main process per job slot (started on first use, inside the sandbox).
  const servers = Array.from({ length: Math.max(1, options.jobs) }, (_, slot) =>
    options.keepRunner === false
      ? undefined
      : new VitestServer({ sandbox, view, dir: path.join(scratchRoot, `runner-${slot + 1}`), moduleCacheDir, heapMb: options.limits.memoryMb }),
  )
  try {
    await mapLimited(mine, options.jobs, async (submission, slot) => {
      const jobDir = mkdtempSync(path.join(scratchRoot, 'job-'))
      const started = Date.now()
      let result: StudentResult
      let fromCache = false
      try {
        const outcome = await gradeSubmission(submission, { jobDir, moduleCacheDir, server: servers[slot], topics, seed: seedOf(submission.id), version, sandbox, view, cache, settings, options })
        result = outcome.result
        fromCache = outcome.fromCache
        if (fromCache) cached++
        else graded++
      } catch (error) {
        // The grader's own failure, not the student's: reported, never cached, retried next run.
        result = unscored(submission, seedOf(submission.id), topics, 'error', `the grader failed on this submission: ${(error as Error).stack ?? error}`)
        result.durationMs = Date.now() - started
      } finally {
        rmSync(jobDir, { recursive: true, force: true })
      }
      result.seedPolicy = policy
      results.set(submission.id, result)
      const verdict = result.status === 'graded' ? `${result.score.total}/${result.score.max}` : `${result.status}: ${result.error?.split('\n')[0]}`
      options.progress.done(`${submission.id}: ${verdict}${fromCache ? ' (cached)' : ` (${((Date.now() - started) / 1000).toFixed(1)} s)`}`)
    })
  } finally {
    options.progress.stop()
    for (const server of servers) server?.stop()
    stopCheckers()
    rmSync(scratchRoot, { recursive: true, force: true })
    scratchRoots.delete(scratchRoot)
  }

  // On the roster, nothing handed in: a row of its own, never confused with a real zero.
  if (!options.shard) {
    for (const entry of options.roster ?? []) {
      if (results.has(entry.id) || [...results.keys()].some((id) => id.toLowerCase() === entry.id.toLowerCase())) continue
      results.set(entry.id, notSubmitted(entry.id, seedOf(entry.id), topics, policy))
    }
  }
  const off = (options.roster ?? []).length ? [...results.keys()].filter((id) => !options.roster!.some((r) => r.id.toLowerCase() === id.toLowerCase())) : []
  if (off.length) warnings.push(`not on the roster: ${off.join(', ')}`)

  const batch: BatchResult = {
    courseVersion: version,
    seed: batchSeed,
    seedPolicy: policy,
    topics,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(ignored.length ? { skipped: ignored } : {}),
    ...(options.roster?.length ? { roster: options.roster } : {}),
    ...(options.assignment ? { assignment: options.assignment } : {}),
    sandbox: { description: sandbox.description, ...(sandbox.warning ? { warning: sandbox.warning } : {}) },
    startedAt,
    finishedAt: new Date().toISOString(),
    students: [...results.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }
  if (options.outputs !== false) warnings.push(...(await writeOutputs(out, batch, { html: options.html })))
  return { batch, graded, cached, warnings }
}

/**
 * The output folder may be neither the submissions folder nor inside it: it would be graded as a
 * student on the next run, and the per-student files would be written into students' folders.
 */
export function refuseOverlap(submissions: string, out: string): void {
  const real = (p: string) => {
    // The output folder may not exist yet: resolve what of it does.
    let existing = path.resolve(p)
    const rest: string[] = []
    while (!existsSync(existing) && path.dirname(existing) !== existing) {
      rest.unshift(path.basename(existing))
      existing = path.dirname(existing)
    }
    return path.join(realpathSync(existing), ...rest)
  }
  const from = real(submissions)
  const to = real(out)
  if (to === from) throw new Error(`--out must not be the submissions folder (${from}): the outputs would be written into the students' folders`)
  if (isInside(to, from)) throw new Error(`--out (${to}) must not be inside the submissions folder (${from}): it would be graded as a student`)
}

interface Context {
  jobDir: string
  moduleCacheDir: string
  server?: VitestServer
  topics: string[]
  seed: number
  version: string
  sandbox: Sandbox
  view: FileSystemView
  cache: ResultCache
  settings: Record<string, unknown>
  options: GradeOptions
}

async function gradeSubmission(submission: Submission, context: Context): Promise<{ result: StudentResult; fromCache: boolean }> {
  const started = Date.now()
  const workspace = path.join(context.jobDir, 'exercises')
  mkdirSync(workspace)
  const staged = await stageSubmission(submission.path, submission.isZip, workspace, context.topics)
  if (staged.rejected) {
    const result = unscored(submission, context.seed, context.topics, 'rejected', staged.rejected)
    result.diagnostics = [...notesOf('naming', submission.notes), ...notesOf('files', staged.notes)]
    result.durationMs = Date.now() - started
    return { result, fromCache: false }
  }
  // The notes on refused files are part of the key: they belong in the result, and they change with the submission.
  const key = cacheKey({ filesHash: `${staged.hash}\n${staged.notes.join('\n')}`, courseVersion: context.version, seed: context.seed, settings: context.settings })
  const known = context.options.fresh ? undefined : context.cache.get(key)
  if (known) return { result: withSubmission(known, submission), fromCache: true }

  const topicsToRun = staged.topics.filter((t) => context.topics.includes(t))
  const [grade, types] = await Promise.all([
    gradeWorkspace({
      workspace,
      submittedTopics: topicsToRun,
      gradedTopics: context.topics,
      seed: context.seed,
      sandbox: context.sandbox,
      view: context.view,
      limits: context.options.limits,
      retries: context.options.retries,
      jobDir: context.jobDir,
      moduleCacheDir: context.moduleCacheDir,
      server: context.server,
    }),
    context.options.typecheck ? typeCheck(workspace, staged.files, mkdtempSync(path.join(context.jobDir, 'tsc-')), TYPECHECK_TIMEOUT_MS) : undefined,
  ])
  const result: StudentResult = {
    id: submission.id,
    source: submission.source,
    status: 'graded',
    score: grade.score,
    seed: context.seed,
    ...(grade.backend ? { backend: grade.backend } : {}),
    durationMs: Date.now() - started,
    ...(grade.peakRssMb ? { peakMemoryMb: grade.peakRssMb } : {}),
    hash: key,
    ...(grade.output ? { output: grade.output } : {}),
    diagnostics: [
      ...notesOf('files', staged.notes),
      ...notesOf('grading', grade.incidents),
      ...(types?.errors.map((e): Note => ({ kind: 'type-error', topic: e.topic, message: `type error: ${e.message}` })) ?? []),
      ...notesOf('type-check', types?.problem ? [types.problem] : []),
    ],
    files: staged.files,
    gradedAt: new Date().toISOString(),
    sandbox: context.sandbox.description,
  }
  context.cache.put(key, result)
  return { result: withSubmission(result, submission), fromCache: false }
}

/** A cached result belongs to whoever submitted those files now: their id, name and naming notes. */
function withSubmission(result: StudentResult, submission: Submission): StudentResult {
  return { ...result, id: submission.id, source: submission.source, diagnostics: [...notesOf('naming', submission.notes), ...(result.diagnostics ?? [])] }
}

/** The row of a student on the roster who handed nothing in. */
export function notSubmitted(id: string, seed: number, topics: string[], policy: StudentResult['seedPolicy']): StudentResult {
  const result = unscored({ id, source: '', path: Buffer.alloc(0), isZip: false, notes: [] }, seed, topics, 'not-submitted', 'no submission')
  if (policy) result.seedPolicy = policy
  return result
}

/** A result with every test at 0 points, for a submission that could not be graded. */
function unscored(submission: Submission, seed: number, topics: string[], status: 'rejected' | 'error' | 'not-submitted', error: string): StudentResult {
  const score = scoreRun({ topics: [], unhandledErrors: [], watchdog: [], durationMs: 0 }, { topics })
  for (const topic of score.topics) topic.reason = status === 'rejected' ? `not graded: ${error}` : status === 'not-submitted' ? 'not submitted' : 'not graded: the grader failed'
  return { id: submission.id, source: submission.source, status, error, score, seed, durationMs: 0, hash: '', diagnostics: notesOf('naming', submission.notes) }
}

/** The topics to grade (grader/core/manifest.ts's one rule: unknown names are an error, not a silent zero). */
export function selectTopics(wanted: string[] | undefined): string[] {
  const chosen = selectNamedTopics(wanted ?? [])
  for (const topic of chosen) loadManifest(topic) // a broken manifest stops the batch before anyone is graded
  return chosen
}

/** What the grader keeps in <out>/.grader/state.json between runs. */
const GRADER_STATE = v.looseObject({ seed: v.optional(v.number()), courseVersion: v.optional(v.string()) })

/**
 * The grading seed. Students never learn it in advance, so it is random by default; it is kept in
 * the output folder so that a resumed batch grades the rest of the class with the same one.
 */
function chooseSeed(out: string, given: number | undefined, version: string): number {
  const stateFile = path.join(out, '.grader', 'state.json')
  let previous: { seed?: number } = {}
  if (existsSync(stateFile)) {
    try {
      previous = v.parse(GRADER_STATE, JSON.parse(readFileSync(stateFile, 'utf8')))
    } catch {
      previous = {}
    }
  }
  const seed = given ?? (Number.isSafeInteger(previous.seed) ? previous.seed! : randomSeed())
  writeFileAtomic(stateFile, JSON.stringify({ seed, courseVersion: version }))
  return seed
}

/**
 * What the submission's processes may see: the course read-only, and empty folders in place of
 * the answer key, the outputs, the cache and the submissions (a path holding the grader's own
 * scratch folder cannot be hidden; the permission model still keeps it unreadable).
 */
export function fileSystemView(scratchRoot: string, private_: string[]): FileSystemView {
  // Never a folder holding the course or the grader's scratch: hiding it would hide them too.
  const hidden = [SOLUTIONS_DIR, ...private_].filter((p) => existsSync(p) && !isInside(scratchRoot, p) && !isInside(COURSE_ROOT, p))
  return { readOnly: [COURSE_ROOT], hidden: [...new Set(hidden)], scratchRoot }
}

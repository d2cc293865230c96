// Grades one staged workspace: runs the suite once for all its topics. A student's code runs in
// student processes of its own, so what it does costs only its own tests (grader/bridge/); should a
// test process itself die or hang (a fault of the course's code, or of the machine), the topics it
// left without results run again, and a test that took its process down is left out of the re-run
// (a bounded number of times). Scoring happens here, in the grader, from the structured results of
// every run.
import path from 'node:path'
import { loadManifest } from '../core/manifest.ts'
import type { RawRun, RawTest, RawTopic } from '../core/raw-results.ts'
import type { WatchdogReport } from '../core/diagnostics.ts'
import { type Score, type ScoredTopic, scoreRun } from '../core/scoring.ts'
import { type RunAttempt, type RunLimits, runVitest } from './run-vitest.ts'
import type { FileSystemView, Sandbox } from '../sandbox/isolation.ts'
import type { VitestServer } from './vitest-server-client.ts'

export interface WorkspaceRequest {
  workspace: string
  /** Topics with files in the submission: these are run. */
  submittedTopics: string[]
  /** Every topic being graded: the score lists them all. */
  gradedTopics: string[]
  seed: number
  sandbox: Sandbox
  view: FileSystemView
  limits: RunLimits
  /** Re-runs allowed per topic after a hung or crashed test. */
  retries: number
  /** Scratch folder for this submission's runs. */
  jobDir: string
  /** Where the batch keeps Vite's transforms of the course's own modules. */
  moduleCacheDir?: string
  /** The job's kept vitest main process; without it, each run starts its own. */
  server?: VitestServer
}

export interface WorkspaceGrade {
  score: Score
  /** What happened besides test results, one line each (for the teacher; may quote untrusted text). */
  incidents: string[]
  /** The exercise code's console and the runner's output, capped (untrusted). */
  output: string
  backend?: string
  runs: number
  /** The largest resident size of any test process of this submission (MB). */
  peakRssMb: number
}

const MAX_OUTPUT_CHARS = 64_000

export async function gradeWorkspace(request: WorkspaceRequest): Promise<WorkspaceGrade> {
  const attempts: RunAttempt[] = []
  const incidents: string[] = []
  const run = async (topics: string[], skip: string[]) => {
    const attempt = await runVitest({
      workspace: request.workspace,
      topics,
      skip,
      seed: request.seed,
      runDir: path.join(request.jobDir, `run-${attempts.length + 1}`),
      moduleCacheDir: request.moduleCacheDir,
      server: request.server,
      sandbox: request.sandbox,
      view: request.view,
      limits: request.limits,
    })
    attempts.push(attempt)
    incidents.push(...processIncidents(attempt, request.limits))
    return attempt
  }

  const topics = request.submittedTopics
  if (topics.length) {
    const first = await run(topics, [])
    // Without results (the runner was killed or ran out of time) each topic gets a run of its own,
    // so that whatever did it costs only its own topic.
    if (!first.run && topics.length > 1) {
      incidents.push('the test run ended without results; each topic was run again on its own')
      for (const topic of topics) await run([topic], [])
    }
    // In the shared process, a topic that crashed it leaves the topics after it without results:
    // those (no test of theirs began, and the watchdog did not name them) run again, together in a
    // process of their own, until none is left behind (each round settles at least one topic).
    let last = first
    for (let round = 0; round < topics.length && last.run && topics.length > 1 && processDied(last); round++) {
      const named = new Set(attempts.flatMap((a) => a.run?.watchdog.map((w) => w.topic) ?? []))
      const stranded = topics.filter((topic) => !named.has(topic) && culprits(attempts, topic).length === 0 && unfinished(attempts, topic, new Map()).length > 0)
      if (stranded.length === 0) break
      incidents.push(`the test process ended early; ${stranded.join(', ')} ran again in a new one`)
      last = await run(stranded, [])
    }
    for (const topic of topics) {
      const skipped = new Map<string, string>()
      for (let retry = 0; retry < request.retries; retry++) {
        const fresh = culprits(attempts, topic).filter(([id]) => !skipped.has(id))
        if (fresh.length === 0 || unfinished(attempts, topic, skipped).length === 0) break
        for (const [id, why] of fresh) skipped.set(id, why)
        incidents.push(`${topic}: ${fresh.map(([id, why]) => `"${id}" ${why}`).join('; ')}; the topic was run again without ${fresh.length > 1 ? 'them' : 'it'}`)
        await run([topic], [...skipped.keys()].map((id) => `${topic}/${id}`))
      }
    }
  }

  const merged = mergeAttempts(attempts, topics)
  const score = scoreRun(merged, { topics: request.gradedTopics })
  annotate(score, attempts, request)
  const backends = [...new Set(score.topics.flatMap((t) => t.tests.flatMap((x) => (x.backend ? [x.backend] : []))))]
  return { score, incidents, output: collectOutput(attempts), backend: backends.length ? backends.join(', ') : undefined, runs: attempts.length, peakRssMb: Math.max(0, ...attempts.map((a) => a.process.peakRssMb)) }
}

/** The run's test process died or was ended (not: some topic failed to load, which it reports itself). */
function processDied(attempt: RunAttempt): boolean {
  const topicErrors = (attempt.run?.topics ?? []).flatMap((t) => t.errors)
  return (
    attempt.process.timedOut ||
    attempt.process.memoryKills.length > 0 ||
    (attempt.run?.watchdog.length ?? 0) > 0 ||
    (attempt.run?.unhandledErrors.length ?? 0) > 0 ||
    topicErrors.some((e) => /vitest-pool|worker|channel closed|exited unexpectedly/i.test(e))
  )
}

const finished = (test: RawTest) => test.state === 'passed' || test.state === 'failed'

function testsOf(attempt: RunAttempt, topic: string): RawTest[] {
  return (attempt.run?.topics ?? []).filter((t) => t.topic === topic).flatMap((t) => t.tests)
}

/** The course's tests of a topic that no run finished, other than those left out on purpose. */
function unfinished(attempts: RunAttempt[], topic: string, skipped: Map<string, string>): string[] {
  const done = new Set(attempts.flatMap((a) => testsOf(a, topic).filter(finished).map((t) => t.id)))
  return Object.keys(loadManifest(topic).tests).filter((id) => !done.has(id) && !skipped.has(id))
}

/**
 * Tests that ended their test process: those the watchdog named, and in a test file whose process
 * died without the watchdog, the test of that file that had begun last and never finished. (Only
 * the last: the runner reports results in batches, so earlier tests of a killed process may have
 * passed without a word; the re-run gives them their due.)
 */
function culprits(attempts: RunAttempt[], topic: string): Array<[string, string]> {
  const found = new Map<string, string>()
  for (const attempt of attempts.filter((a) => a.topics.includes(topic))) {
    const hung = (attempt.run?.watchdog ?? []).filter((w) => w.topic === topic && w.testId)
    for (const report of hung) found.set(report.testId!, 'ran past its time limit and its test process was ended')
    const done = new Set(testsOf(attempt, topic).filter(finished).map((t) => t.id))
    const started = attempt.started.filter((s) => s.topic === topic)
    // A topic's test files run one after another, each in its own process: look at each file apart.
    const files = (attempt.run?.topics ?? []).filter((t) => t.topic === topic).map((t) => new Set(t.tests.map((x) => x.id)))
    for (const file of files.length ? files : [undefined]) {
      const last = started.filter((s) => !file || file.has(s.testId)).at(-1)
      if (last && !done.has(last.testId) && !found.has(last.testId)) found.set(last.testId, `was running when its test process died${deathCause(attempt)}`)
    }
  }
  return [...found.entries()]
}

function deathCause(attempt: RunAttempt): string {
  const kill = attempt.process.memoryKills[0]
  if (kill) return ` (it used ${kill.rssMb} MB of memory)`
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(attempt.process.output)) return ' (out of memory)'
  if (attempt.process.timedOut) return ' (the run exceeded its time limit)'
  return ''
}

/** One raw run from all attempts: for each test, the first run that finished it counts. */
export function mergeAttempts(attempts: RunAttempt[], topics: string[]): RawRun {
  const merged: RawRun = { topics: [], unhandledErrors: [], watchdog: [], durationMs: 0 }
  for (const topic of topics) {
    const runs = attempts.filter((a) => a.run && a.topics.includes(topic))
    const errors = [...new Set(runs.flatMap((a) => a.run!.topics.filter((t) => t.topic === topic).flatMap((t) => t.errors)))]
    if (runs.length === 0) continue
    const byId = new Map<string, RawTest>()
    for (const attempt of runs) {
      for (const test of testsOf(attempt, topic)) {
        const known = byId.get(test.id!)
        if (!known || (!finished(known) && finished(test))) byId.set(test.id!, test)
      }
    }
    const tests = [...byId.values()]
    const topicRun: RawTopic = { topic, state: tests.every(finished) ? 'passed' : 'failed', tests, errors }
    merged.topics.push(topicRun)
  }
  const seen = new Set<string>()
  for (const attempt of attempts) {
    if (!attempt.run) continue
    merged.durationMs += attempt.run.durationMs
    for (const report of attempt.run.watchdog) {
      const key = `${report.topic}\0${report.testId ?? ''}`
      if (!seen.has(key)) merged.watchdog.push(report as WatchdogReport)
      seen.add(key)
    }
    for (const error of attempt.run.unhandledErrors) if (!merged.unhandledErrors.includes(error) && merged.unhandledErrors.length < 20) merged.unhandledErrors.push(error)
  }
  return merged
}

/** Gives tests and topics that the runs could not describe themselves a reason in words. */
function annotate(score: Score, attempts: RunAttempt[], request: WorkspaceRequest): void {
  for (const topic of score.topics) {
    if (!request.submittedTopics.includes(topic.topic)) {
      topic.reason = 'no files for this topic in the submission'
      continue
    }
    const causes = new Map(culprits(attempts, topic.topic))
    for (const test of topic.tests) {
      const cause = causes.get(test.id)
      if (!cause || test.status === 'passed') continue
      if (test.status === 'not-run') test.status = 'error'
      test.message ??= `this test ${cause}`
    }
    if (topic.status === 'crashed' && !topic.reason) topic.reason = describeCrash(attempts, topic)
  }
}

function describeCrash(attempts: RunAttempt[], topic: ScoredTopic): string {
  const last = attempts.filter((a) => a.topics.includes(topic.topic)).at(-1)
  if (!last) return 'the topic did not run'
  if (last.process.timedOut) return 'the test run exceeded its time limit and was ended'
  if (!last.run) return 'the test runner ended before it could report (killed, or out of memory)'
  return 'the test process ended before every test reported'
}

/** Incidents visible from outside the runner: the time limit, memory kills, flooded output. */
function processIncidents(attempt: RunAttempt, limits: RunLimits): string[] {
  const incidents: string[] = []
  const where = attempt.topics.join(', ')
  if (attempt.process.timedOut) incidents.push(`${where}: the test run exceeded the grader's time limit and was ended`)
  for (const kill of attempt.process.memoryKills) incidents.push(`${where}: a test process used ${kill.rssMb} MB of memory (limit ${limits.memoryMb} MB) and was ended`)
  if (/heap out of memory|Reached heap limit/i.test(attempt.process.output)) incidents.push(`${where}: a test process ran out of its ${limits.memoryMb} MB heap`)
  if (attempt.process.outputBytesSeen > limits.outputBytes) incidents.push(`${where}: the run printed ${attempt.process.outputBytesSeen} bytes; only the first and last ${Math.round(limits.outputBytes / 2048)} KB were kept`)
  return incidents
}

/** The exercise code's console output and the runner's own, without Node's notices about its flags. */
function collectOutput(attempts: RunAttempt[]): string {
  const parts: string[] = []
  attempts.forEach((attempt, i) => {
    const runner = attempt.process.output
      .split('\n')
      .filter((line) => !/ExperimentalWarning: Permission|SecurityWarning: The flag --allow-worker|--trace-warnings|^\s*$/.test(line))
      .join('\n')
    const text = [attempt.run?.console ?? '', runner].filter(Boolean).join('\n')
    if (text) parts.push(`── run ${i + 1} (${attempt.topics.join(', ')}${attempt.skip.length ? `, without ${attempt.skip.join(', ')}` : ''}) ──\n${text}`)
  })
  const all = parts.join('\n')
  return all.length > MAX_OUTPUT_CHARS ? `${all.slice(0, MAX_OUTPUT_CHARS)}\n… (${all.length - MAX_OUTPUT_CHARS} more characters not kept)` : all
}

// `npm run bench [-- --quick] [--n 40] [--topics 01,02,…] [--parts student,budget,batch,backends] [--out reports/bench.json]`
//
// Measures the two speeds the course lives by, in one run on this machine, and prints a table:
//   - the student's loop: a cold `npm run test:solutions` for one topic and for all of them, and how
//     long watch mode takes to answer after one file changes;
//   - the teacher's batch: a generated class (correct, partial, stub and one hanging submission,
//     each distinct) graded with --jobs 1 and with every core, against the naive loop a teacher would
//     otherwise write (one `vitest run` per submission, one after another, vitest's own process per
//     test file) under the same sandbox, limits and timeouts; re-grading after one resubmission
//     against grading that one submission alone; the peak memory of a grading process;
//   - the dense-net and convolution topics per TensorFlow.js backend available.
// Every figure is a wall-clock time of this run; the ratios compare figures of the same run.
// Nothing here asserts a time: it fails only when the grader and the naive loop disagree on a score.
import { spawn } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeFileAtomic } from '../../grader/core/atomic-write.ts'
import { type GradeOptions, fileSystemView, gradeBatch, selectTopics } from '../../grader/batch/batch.ts'
import { discoverSubmissions } from '../../grader/batch/discover.ts'
import { createProgress } from '../../grader/batch/progress.ts'
import { DEFAULT_LIMITS, DEFAULT_RETRIES, runVitest } from '../../grader/batch/run-vitest.ts'
import { detectSandbox } from '../../grader/sandbox/isolation.ts'
import { stageSubmission } from '../../grader/batch/staging.ts'
import { loadManifest } from '../../grader/core/manifest.ts'
import { COURSE_ROOT, REPORTS_DIR, SOLUTIONS_DIR } from '../../grader/core/paths.ts'
import { VITEST_BIN, runSuite } from '../../grader/vitest/run-suite.ts'
import { scoreRun } from '../../grader/core/scoring.ts'
import { finishedChildrenCpuSeconds, sampleCpuByRole } from './cpu-by-role.ts'
import { generateClass } from './generate-class.ts'
import { Command } from 'commander'
import { wholeNumber } from '../cli-options.ts'
import { runCommand } from '../../grader/core/run-command.ts'

interface Args {
  quick: boolean
  n: number
  topics: string[]
  out: string
  /** Parts to run (default all): student, budget, batch, backends. */
  parts: string[]
}

function parseArgs(argv: string[]): Args {
  const program = new Command('npm run bench --')
    .description("the student's loop and the teacher's batch, timed in one run on this machine")
    .option('--quick', "CI's smaller run (8 submissions, topics 01-03)")
    .option('--n <count>', 'submissions in the generated class', wholeNumber(1, 1000))
    .option('--topics <list>', 'topics of the class, separated by commas')
    .option('--out <file>', 'where to write the JSON (and the Markdown beside it)')
    .option('--parts <list>', 'parts to run, separated by commas: student, budget, batch, backends', 'student,budget,batch,backends')
    .parse(argv, { from: 'user' })
  const flags = program.opts<{ quick?: boolean; n?: number; topics?: string; out?: string; parts: string }>()
  const quick = flags.quick === true
  return {
    quick,
    n: flags.n ?? (quick ? 8 : 40),
    // Topics 01–05 by default: every kind of exercise code except training, whose time is measured
    // per backend below (a class graded on all topics takes the same ratios, only longer).
    topics: selectTopics((flags.topics ?? (quick ? '01,02,03' : '01,02,03,04,05')).split(',')),
    out: path.resolve(flags.out ?? path.join(REPORTS_DIR, 'bench.json')),
    parts: flags.parts.split(',').map((p) => p.trim()),
  }
}

interface Figure {
  what: string
  seconds?: number
  value?: string
  note?: string
}

const figures: Figure[] = []
const ratios: Array<{ what: string; ratio: number; target?: string }> = []

function record(figure: Figure): void {
  figures.push(figure)
  const shown = figure.seconds !== undefined ? `${figure.seconds.toFixed(2)} s` : figure.value
  console.log(`  ${figure.what.padEnd(64)} ${shown}${figure.note ? `  (${figure.note})` : ''}`)
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now()
  const result = await work()
  return [(performance.now() - started) / 1000, result]
}

/** Runs a command from the course root with these variables added to the environment. */
const run = async (command: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const { code, output } = await runCommand(command, args, { env: { ...process.env, ...env }, keepChars: 100_000 })
  return { exitCode: code, output }
}

// ---- the student's loop ----

async function studentLoop(args: Args): Promise<void> {
  console.log('\nThe student\'s loop (answer key)')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const env = { COURSE_QUIET: '1', CI: '1' }
  const [one, first] = await timed(() => run(npm, ['run', 'test:solutions', '--', '03'], env))
  if (first.exitCode !== 0) throw new Error(`npm run test:solutions -- 03 failed:\n${first.output}`)
  record({ what: 'cold `npm run test:solutions -- 03` (one topic)', seconds: one })
  if (!args.quick) {
    const [all, every] = await timed(() => run(npm, ['run', 'test:solutions'], env))
    if (every.exitCode !== 0) throw new Error(`npm run test:solutions failed:\n${every.output}`)
    record({ what: 'cold `npm run test:solutions` (all topics)', seconds: all })
  }
  const latencies = await watchLatency(args.quick ? 3 : 5)
  latencies.sort((a, b) => a - b)
  record({ what: 'watch mode: a change to one file → its topic re-run (median)', seconds: latencies[Math.floor(latencies.length / 2)]!, note: `${latencies.length} changes, ${latencies.map((l) => l.toFixed(2)).join(' / ')} s` })
}

/**
 * Starts `vitest watch` on a copy of topic 03's answer key (inside the course, where Vite watches)
 * and times, for each change to that file, the interval from the write to the end of the re-run.
 */
async function watchLatency(changes: number): Promise<number[]> {
  const target = mkdtempSync(path.join(REPORTS_DIR, 'bench-watch-'))
  const file = path.join(target, '03-matrices', 'matrices.ts')
  cpSync(path.join(SOLUTIONS_DIR, '03-matrices'), path.dirname(file), { recursive: true })
  const child = spawn(process.execPath, [VITEST_BIN, 'watch', 'exercises/03-matrices/'], {
    cwd: COURSE_ROOT,
    env: { ...process.env, COURSE_TARGET: target, NO_COLOR: '1', CI: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  let waiters: Array<() => void> = []
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    if (/Waiting for file changes/.test(output)) {
      output = ''
      for (const w of waiters) w()
      waiters = []
    }
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const runEnds = (timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`watch mode did not finish a run within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`)), timeoutMs)
      waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  try {
    await runEnds(120_000)
    const latencies: number[] = []
    for (let i = 0; i < changes; i++) {
      await new Promise((r) => setTimeout(r, 500))
      const ended = runEnds(60_000)
      const started = performance.now()
      appendFileSync(file, `\n// edit ${i + 1}\n`)
      await ended
      latencies.push((performance.now() - started) / 1000)
    }
    return latencies
  } finally {
    child.kill('SIGTERM')
    rmSync(target, { recursive: true, force: true })
  }
}

// ---- the teacher's batch ----

interface Graded {
  seconds: number
  totals: Map<string, number>
  peakMb: number[]
}

function gradeOptions(submissions: string, out: string, topics: string[], jobs: number, fresh: boolean, keepRunner: boolean): GradeOptions {
  return {
    keepRunner,
    submissions,
    out,
    jobs,
    topics,
    seed: 20261128,
    limits: DEFAULT_LIMITS,
    retries: DEFAULT_RETRIES,
    typecheck: true,
    isolation: 'auto',
    fresh,
    html: true,
    progress: createProgress(process.stderr, true),
  }
}

async function grade(submissions: string, out: string, topics: string[], jobs: number, fresh = true, keepRunner = true): Promise<Graded> {
  const [seconds, outcome] = await timed(() => gradeBatch(gradeOptions(submissions, out, topics, jobs, fresh, keepRunner)))
  return {
    seconds,
    totals: new Map(outcome.batch.students.map((s) => [s.id, s.score.total])),
    peakMb: outcome.batch.students.flatMap((s) => (s.peakMemoryMb ? [s.peakMemoryMb] : [])),
  }
}

/**
 * What a teacher's shell loop does — `for s in class/*; do timeout … npx vitest run; done` — given
 * the grader's own staging, sandbox, limits and scoring so that only the way of running differs:
 * one submission at a time, one process per test file, no re-runs, no type check, no cache.
 */
async function naiveLoop(submissions: string, topics: string[]): Promise<Graded> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'course-bench-naive-'))
  const sandbox = detectSandbox('auto')
  const view = fileSystemView(scratch, [path.resolve(submissions)])
  const totals = new Map<string, number>()
  const peakMb: number[] = []
  try {
    const [seconds] = await timed(async () => {
      for (const submission of discoverSubmissions(submissions).submissions) {
        const jobDir = mkdtempSync(path.join(scratch, 'job-'))
        const workspace = path.join(jobDir, 'exercises')
        mkdirSync(workspace)
        const staged = await stageSubmission(submission.path, submission.isZip, workspace, topics)
        const attempt = await runVitest({
          workspace,
          topics: staged.topics.filter((t) => topics.includes(t)),
          skip: [],
          seed: 20261128,
          runDir: path.join(jobDir, 'run'),
          sandbox,
          view,
          limits: DEFAULT_LIMITS,
          sharedProcess: false,
        })
        const score = scoreRun(attempt.run ?? { topics: [], unhandledErrors: [], watchdog: [], durationMs: 0 }, { topics })
        totals.set(submission.id, score.total)
        if (attempt.process.peakRssMb) peakMb.push(attempt.process.peakRssMb)
        rmSync(jobDir, { recursive: true, force: true })
      }
    })
    return { seconds, totals, peakMb }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

async function batch(args: Args, work: string): Promise<string[]> {
  const problems: string[] = []
  const cores = os.availableParallelism()
  const classDir = path.join(work, 'class')
  const kinds = generateClass(classDir, args.n, args.topics)
  const max = args.topics.reduce((s, t) => s + Object.values(loadManifest(t).tests).reduce((a, x) => a + x.points, 0), 0)
  console.log(`\nThe teacher's batch: ${args.n} submissions (${Object.entries(kinds).map(([k, v]) => `${v} ${k}`).join(', ')}), topics ${args.topics.join(', ')} (${max} points), ${cores} cores`)

  const naive = await naiveLoop(classDir, args.topics)
  record({ what: 'naive loop (one `vitest run` per submission, in turn)', seconds: naive.seconds })
  const cpu = sampleCpuByRole()
  const single = await grade(classDir, path.join(work, 'out-1'), args.topics, 1)
  const used = cpu?.stop()
  record({ what: 'grader, --jobs 1', seconds: single.seconds })
  if (used) {
    // Why a second job adds less than a second job's worth: one job already keeps more than one core busy.
    const parts = Object.entries(used.seconds).map(([role, s]) => `${role} ${s.toFixed(1)} s`).join(', ')
    record({ what: 'grader, --jobs 1: CPU by process (sampled)', value: parts })
    record({ what: 'grader, --jobs 1: cores in use on average (machine CPU / wall)', value: `${(used.machineSeconds / used.wallSeconds).toFixed(2)} (${used.machineSeconds.toFixed(1)} s / ${used.wallSeconds.toFixed(1)} s)` })
  }
  const parallel = await grade(classDir, path.join(work, 'out-n'), args.topics, cores)
  record({ what: `grader, --jobs ${cores}`, seconds: parallel.seconds })
  // What the kept vitest main process per job saves (the full run only: it grades the class once more).
  const unkept = args.quick ? undefined : await grade(classDir, path.join(work, 'out-unkept'), args.topics, 1, true, false)
  if (unkept) record({ what: 'grader, --jobs 1 --no-keep-runner (a new vitest main process per run)', seconds: unkept.seconds })

  // The same verdicts three ways (the hanging submission included: each way ends it, then scores what passed).
  for (const [id, total] of single.totals) {
    if (parallel.totals.get(id) !== total) problems.push(`${id}: ${total} points with --jobs 1 but ${parallel.totals.get(id)} with --jobs ${cores}`)
    if (unkept && unkept.totals.get(id) !== total) problems.push(`${id}: ${total} points with the kept runner but ${unkept.totals.get(id)} with --no-keep-runner`)
    if (!id.includes('hang') && naive.totals.get(id) !== total) problems.push(`${id}: ${total} points from the grader but ${naive.totals.get(id)} from the naive loop`)
  }

  // One resubmission: the class again into the same output folder; only the changed one runs.
  const changed = [...single.totals.keys()].find((id) => id.includes('correct'))!
  const changedFile = path.join(classDir, changed, 'exercises', args.topics[0]!)
  appendFileSync(path.join(changedFile, readdirFirst(changedFile)), '\n// resubmitted\n')
  const regrade = await grade(classDir, path.join(work, 'out-n'), args.topics, cores, false)
  record({ what: 'grader, re-grade after one resubmission (cache)', seconds: regrade.seconds })
  const aloneDir = path.join(work, 'alone')
  cpSync(path.join(classDir, changed), path.join(aloneDir, changed), { recursive: true })
  const alone = await grade(aloneDir, path.join(work, 'out-alone'), args.topics, cores)
  record({ what: 'grader, that one submission alone', seconds: alone.seconds })

  const peaks = [...single.peakMb].sort((a, b) => a - b)
  record({ what: 'peak memory of a grading process (median / max over the class)', value: peaks.length ? `${peaks[Math.floor(peaks.length / 2)]} / ${peaks.at(-1)} MB` : 'not measured (no /proc)' })
  const naivePeaks = [...naive.peakMb].sort((a, b) => a - b)
  record({ what: 'peak memory of a naive-loop process (median / max)', value: naivePeaks.length ? `${naivePeaks[Math.floor(naivePeaks.length / 2)]} / ${naivePeaks.at(-1)} MB` : 'not measured' })

  ratios.push({ what: `throughput: grader (--jobs ${cores}) / naive loop`, ratio: naive.seconds / parallel.seconds, target: '≥ 2' })
  ratios.push({ what: 'throughput: grader --jobs 1 / naive loop', ratio: naive.seconds / single.seconds })
  ratios.push({ what: `scaling: --jobs ${cores} / --jobs 1`, ratio: single.seconds / parallel.seconds, target: cores >= 2 ? '≥ 1.7 (2 jobs)' : undefined })
  if (unkept) ratios.push({ what: 'kept runner: --jobs 1 --no-keep-runner / --jobs 1', ratio: unkept.seconds / single.seconds })
  ratios.push({ what: 're-grade after one resubmission / one submission alone', ratio: regrade.seconds / alone.seconds, target: '≤ 1.5' })
  return problems
}

function readdirFirst(dir: string): string {
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()[0]!
}

/**
 * The budget of one submission: the answer key of all topics graded as one submission, as a
 * teacher's batch would (sandbox, type check, one test process), in wall-clock and CPU seconds.
 */
async function budget(work: string): Promise<void> {
  console.log('\nOne submission, all topics (the answer key)')
  const dir = path.join(work, 'budget', 'answer-key', 'exercises')
  cpSync(SOLUTIONS_DIR, dir, { recursive: true, filter: (src) => !/[\\/](variants|alternatives)([\\/]|$)/.test(src) })
  const before = finishedChildrenCpuSeconds()
  const [seconds, result] = await timed(() =>
    run(process.execPath, [path.join(COURSE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'grader/cli/grade.ts', path.dirname(path.dirname(dir)), '--out', path.join(work, 'budget-out'), '--jobs', '1', '--seed', '20261128', '--no-html', '-q']),
  )
  const after = finishedChildrenCpuSeconds()
  if (result.exitCode !== 0) throw new Error(`grading the answer key failed:\n${result.output}`)
  const graded = JSON.parse(readFileSync(path.join(work, 'budget-out', 'results.json'), 'utf8')) as { students: Array<{ score: { total: number; max: number }; peakMemoryMb?: number }> }
  const score = graded.students[0]!.score
  record({ what: 'one submission, all topics (answer key), graded: wall clock', seconds, note: `${score.total}/${score.max} points` })
  if (before !== undefined && after !== undefined) record({ what: 'one submission, all topics: CPU time of the whole process tree', seconds: after - before })
  record({ what: 'one submission, all topics: peak memory of its test process', value: `${graded.students[0]!.peakMemoryMb ?? '?'} MB` })
  if (score.total !== score.max) throw new Error(`the answer key scored ${score.total}/${score.max}`)
}

// ---- TensorFlow.js backends ----

async function backends(args: Args): Promise<void> {
  console.log('\nTensorFlow.js topics on the answer key, per backend')
  const native = canLoadTfjsNode()
  const choices: Array<[string, NodeJS.ProcessEnv]> = [
    ['wasm (cpu for convolutions): the default without tfjs-node', {}],
    ['cpu only (COURSE_TF_BACKEND=cpu)', { COURSE_TF_BACKEND: 'cpu' }],
  ]
  if (native) choices.unshift(['tensorflow (tfjs-node)', {}])
  else record({ what: 'tfjs-node', value: 'not installed here (its install downloads libtensorflow)' })
  const topics = args.quick ? ['09-convolution'] : ['08-dense-nets', '09-convolution']
  for (const [label, env] of choices) {
    for (const topic of topics) {
      const [seconds, suite] = await timed(() => runSuite({ target: 'solutions', topics: [topic], env }))
      const failed = suite.run.topics.flatMap((t) => t.tests).filter((t) => t.state !== 'passed').length
      record({ what: `${topic} on ${label}`, seconds, ...(failed ? { note: `${failed} test(s) did not pass` } : {}) })
    }
  }
}

/** tfjs-node is usable when its install fetched the native binding (it fails offline). */
function canLoadTfjsNode(): boolean {
  return existsSync(path.join(COURSE_ROOT, 'node_modules', '@tensorflow', 'tfjs-node', 'lib', 'napi-v8', 'tfjs_binding.node'))
}

/** The run as Markdown tables, for BENCHMARKS.md. */
function markdownTable(report: { date: string; machine: Record<string, unknown>; options: Record<string, unknown>; figures: Figure[]; ratios: typeof ratios }): string {
  const m = report.machine
  const lines = [
    `Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}; ${report.options.quick ? 'quick mode, ' : ''}${report.options.submissions} submissions, topics ${(report.options.topics as string[]).join(', ')}.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    ...report.figures.map((f) => `| ${f.what.replaceAll('|', '\\|')}${f.note ? ` (${f.note})` : ''} | ${f.seconds !== undefined ? `${f.seconds.toFixed(2)} s` : f.value} |`),
    '',
    '| ratio (same run) | measured | target |',
    '| --- | ---: | ---: |',
    ...report.ratios.map((r) => `| ${r.what} | ${r.ratio.toFixed(2)}× | ${r.target ?? ''} |`),
    '',
  ]
  return lines.join('\n')
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const work = mkdtempSync(path.join(os.tmpdir(), 'course-bench-'))
  console.log(`npm run bench${args.quick ? ' -- --quick' : ''}: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`)
  let problems: string[] = []
  try {
    if (args.parts.includes('student')) await studentLoop(args)
    if (args.parts.includes('budget') && !args.quick) await budget(work)
    if (args.parts.includes('batch')) problems = await batch(args, work)
    if (args.parts.includes('backends')) await backends(args)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  console.log('\nRatios (same run)')
  for (const r of ratios) console.log(`  ${r.what.padEnd(64)} ${r.ratio.toFixed(2)}×${r.target ? `  (target ${r.target})` : ''}`)
  const report = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options: { quick: args.quick, submissions: args.n, topics: args.topics },
    figures,
    ratios,
    problems,
  }
  mkdirSync(path.dirname(args.out), { recursive: true })
  writeFileAtomic(args.out, `${JSON.stringify(report, null, 2)}\n`)
  const markdown = args.out.replace(/\.json$/, '') + '.md'
  writeFileAtomic(markdown, markdownTable(report))
  console.log(`\nwritten: ${path.relative(process.cwd(), args.out)}, ${path.relative(process.cwd(), markdown)}`)
  for (const p of problems) console.error(`✗ ${p}`)
  process.exitCode = problems.length ? 1 : 0
}

await main()

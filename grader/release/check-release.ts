// Checks that a student release really is one: it runs from a fresh install, every topic starts at
// 0 points, the answer key's files for one topic bring that topic to full marks, and nothing of the
// answer key, its catalogue or the hidden tests is inside.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Manifest } from '../manifest.ts'
import { SOLUTIONS_DIR } from '../paths.ts'
import type { RawRun } from '../reporters/raw-results.ts'

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

interface Command {
  code: number | null
  output: string
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Command> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000))
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

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

/**
 * Installs the release with `npm ci`, runs `npm test` (every graded test must fail with "not
 * implemented" and every topic read "not started"), then copies the answer key's files of `topic`
 * in and runs `npm test -- <topic>` (every test of that topic must pass).
 */
export async function dynamicProblems(release: string, topic: string): Promise<string[]> {
  const problems: string[] = []
  const install = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], release)
  if (install.code !== 0) return [`npm ci failed in the release:\n${install.output.slice(-3000)}`]

  const stubs = await npmTest(release, [])
  const tests = stubs.run.topics.flatMap((t) => t.tests.map((x) => ({ topic: t.topic, ...x })))
  const notCleanly = tests.filter((t) => t.state !== 'failed' || t.outcome !== 'not-implemented')
  if (tests.length === 0) problems.push('npm test in the release ran no tests')
  for (const t of notCleanly.slice(0, 10)) problems.push(`release stubs: ${t.topic} › ${t.id}: ${t.state} (${t.outcome ?? t.errors[0] ?? ''})`)
  for (const t of stubs.run.topics) if (!new RegExp(`${t.topic}\\s.*not started`).test(stubs.output)) problems.push(`release: npm test does not say "${t.topic} … not started"`)

  cpSync(path.join(SOLUTIONS_DIR, topic), path.join(release, 'exercises', topic), { recursive: true })
  const solved = await npmTest(release, [topic.slice(0, 2)])
  const topicTests = solved.run.topics.filter((t) => t.topic === topic).flatMap((t) => t.tests)
  const failing = topicTests.filter((t) => t.state !== 'passed')
  if (topicTests.length === 0) problems.push(`release: npm test -- ${topic.slice(0, 2)} ran no tests of ${topic}`)
  for (const t of failing.slice(0, 10)) problems.push(`release with the answer key of ${topic}: ${t.id} did not pass (${t.errors[0] ?? t.outcome ?? t.state})`)
  if (!/✓ \S+\s+(\d+)\/\1 tests/.test(solved.output)) problems.push(`release: npm test -- ${topic.slice(0, 2)} does not show ${topic} with full points`)
  return problems
}

// A grading job keeps one vitest main process and hands it one submission after another
// (grader/vitest/server.ts). Nothing of one submission may reach the next: every verdict must
// be the one a new process per run gives, and a runner that dies or hangs is replaced.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BatchOutcome, type GradeOptions, fileSystemView, gradeBatch } from '../batch/batch.ts'
import { createProgress } from '../batch/progress.ts'
import { DEFAULT_LIMITS, runVitest } from '../batch/run-vitest.ts'
import { detectSandbox } from '../sandbox/isolation.ts'
import { VitestServer } from '../batch/vitest-server-client.ts'
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../core/paths.ts'
import { KEY, STUB, TOPIC, folder, keyWithin } from './batch-fixtures.ts'

// Two topics, so that a run shares one test process between them and a process that dies in the
// first leaves the second without results in that run (the case where stale results could show).
const SECOND = '02-derivatives'
const secondKey = { [`exercises/${SECOND}/derivatives.ts`]: readFileSync(path.join(SOLUTIONS_DIR, SECOND, 'derivatives.ts'), 'utf8') }
/** Topic 02's answer key whose derive() never returns. */
const secondHangs = { [`exercises/${SECOND}/derivatives.ts`]: secondKey[`exercises/${SECOND}/derivatives.ts`]!.replace('export function derive(expr: Expr): Expr {', 'export function derive(expr: Expr): Expr {\n  for (;;) { /* never returns */ }') }
const secondStub = { [`exercises/${SECOND}/derivatives.ts`]: readFileSync(path.join(EXERCISES_DIR, SECOND, 'derivatives.ts'), 'utf8') }

const work = mkdtempSync(path.join(os.tmpdir(), 'batch-runner-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function options(submissions: string, out: string, keepRunner: boolean): GradeOptions {
  return {
    submissions,
    out: path.join(work, out),
    jobs: 1,
    topics: [TOPIC, SECOND],
    seed: 4242,
    limits: { topicTimeoutMs: 90_000, memoryMb: 768, outputBytes: 64 * 1024, importTimeoutMs: 20_000 },
    retries: 1,
    typecheck: false,
    isolation: 'auto',
    fresh: true,
    html: false,
    keepRunner,
    progress: createProgress(process.stderr, true),
  }
}

describe('one kept vitest main process per job', () => {
  let kept: BatchOutcome
  let fresh: BatchOutcome
  beforeAll(async () => {
    const dir = path.join(work, 'class')
    // Graded in this order (by id), one after the other by the same runner.
    folder(dir, 'a-key', secondKey, KEY)
    // Its test process dies loading topic 01 (the watchdog ends the loop), before topic 02 is even
    // collected: 02 must come out as this student's stub, not with a-key's results.
    folder(dir, 'b-loop-at-import', secondStub, `${KEY}\nfor (;;) { /* never ends */ }\n`)
    // The same, but the process dies in the middle of topic 01's tests (the watchdog ends a test that never returns).
    folder(dir, 'b-loop-in-test', secondStub, keyWithin('limit', 'for (;;) { /* never returns */ }'))
    // Topic 01 (a stub) finishes its main test file, then the process dies in topic 02: the test files
    // it never reached (01's hidden tests among them) must not come out with a-key's results.
    folder(dir, 'b-stub-then-hang', secondHangs, STUB)
    folder(dir, 'c-key', secondKey, KEY)
    folder(dir, 'd-exit-at-import', secondStub, `${KEY}\nprocess.exit(0)\n`)
    // Keeps its test process alive after the tests and ignores SIGTERM: the runner must end it.
    folder(dir, 'e-lingers', secondKey, `${KEY}\nprocess.on('SIGTERM', () => {})\nsetInterval(() => {}, 1000)\n`)
    folder(dir, 'f-key', secondKey, KEY)
    folder(dir, 'g-stubs', secondStub, STUB)
    kept = await gradeBatch(options(dir, 'kept', true))
    fresh = await gradeBatch(options(dir, 'fresh', false))
  }, 900_000)

  it('gives every submission the verdict a new process per run gives, test by test', () => {
    const verdicts = (outcome: BatchOutcome) =>
      outcome.batch.students.map((s) => ({ id: s.id, total: s.score.total, tests: s.score.topics.flatMap((t) => t.tests.map((x) => `${x.id}: ${x.status} ${x.points}`)) }))
    expect(verdicts(kept)).toEqual(verdicts(fresh))
  })

  it('passes no results on: the answer key scores full marks after each hostile run, the others score what they earn', () => {
    const score = (id: string) => kept.batch.students.find((s) => s.id === id)!.score
    expect(score('b-stub-then-hang').topics.find((t) => t.topic === TOPIC)!.tests.every((t) => t.status === 'not-implemented')).toBe(true)
    for (const id of ['a-key', 'c-key', 'e-lingers', 'f-key']) expect(score(id).total, id).toBe(score(id).max)
    for (const id of ['b-loop-at-import', 'b-loop-in-test', 'd-exit-at-import', 'g-stubs']) {
      expect(score(id).total, id).toBeLessThan(score(id).max)
      const second = score(id).topics.find((t) => t.topic === SECOND)!
      expect(second.tests.every((t) => t.status === 'not-implemented'), `${id}: ${second.tests.map((t) => t.status).join(' ')}`).toBe(true)
    }
  })

  it('blames no student for the runner\'s own helper processes (the first one graded by a new runner included)', () => {
    const output = (id: string) => kept.batch.students.find((s) => s.id === id)!.output ?? ''
    for (const id of ['a-key', 'c-key', 'f-key', 'g-stubs']) expect(output(id), id).not.toMatch(/still ran after the run ended/)
  })
})

describe('VitestServer', () => {
  const sandbox = detectSandbox('auto')
  const scratch = path.join(work, 'server')
  const workspace = path.join(scratch, 'exercises')
  folder(scratch, '.', {}, KEY)
  const server = new VitestServer({ sandbox, view: fileSystemView(scratch, []), dir: path.join(scratch, 'runner'), heapMb: 768 })
  afterAll(() => server.stop())
  let runs = 0
  const run = (limits = DEFAULT_LIMITS) => {
    const runDir = path.join(scratch, `run-${++runs}`)
    mkdirSync(runDir)
    return runVitest({ workspace, topics: [TOPIC], skip: [], seed: 1, runDir, sandbox, view: fileSystemView(scratch, []), limits, server })
  }

  it('is replaced after it was killed from outside, and after a run past its time limit', async () => {
    const first = await run()
    expect(first.run?.topics.length).toBeGreaterThan(0)
    server.stop()
    const afterKill = await run()
    expect(afterKill.run?.topics.flatMap((t) => t.tests).every((t) => t.state === 'passed')).toBe(true)
    const runDir = path.join(scratch, 'too-short')
    mkdirSync(runDir)
    const files = { resultsFile: path.join(runDir, 'results.json'), diagnosticsFile: path.join(runDir, 'diagnostics.jsonl') }
    const tooShort = await server.run({ workspace, topics: [TOPIC], isolate: true, execArgv: [], env: {}, ...files }, { wallClockMs: 200, rssMb: 0, outputBytes: 1024 })
    expect(tooShort.timedOut).toBe(true)
    const afterTimeout = await run()
    expect(afterTimeout.run?.topics.flatMap((t) => t.tests).every((t) => t.state === 'passed')).toBe(true)
  }, 300_000)
})

// The batch grader against a class of hostile and broken submissions (topic 01): every one must be
// contained (the batch completes, that student's result says what happened, nothing outside the
// workspace and the output folder is written) while every other student's score stays exactly what
// it is when graded alone.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BatchOutcome, type GradeOptions, gradeBatch } from '../batch/batch.ts'
import { createProgress } from '../batch/progress.ts'
import { detectSandbox } from '../sandbox/isolation.ts'
import { loadManifest } from '../core/manifest.ts'
import type { StudentResult } from '../core/results.ts'
import type { ScoredTest } from '../core/scoring.ts'
import { KEY, STUB, TOPIC, buildHostileClass, folder, keyReplacing } from './batch-fixtures.ts'

const manifest = loadManifest(TOPIC)
const MAX = Object.values(manifest.tests).reduce((s, t) => s + t.points, 0)
const points = (...ids: string[]) => ids.reduce((s, id) => s + manifest.tests[id]!.points, 0)
const limitTests = Object.keys(manifest.tests).filter((id) => id.startsWith('limit.'))
const SEED = 4242

const work = mkdtempSync(path.join(os.tmpdir(), 'batch-hostile-'))
const canaryDir = path.join(work, 'canary')
const out = path.join(work, 'out')
let server: Server
let connections = 0
let hostile: BatchOutcome
let alone: BatchOutcome

function options(submissions: string, outDir: string, extra: Partial<GradeOptions> = {}): GradeOptions {
  return {
    submissions,
    out: outDir,
    jobs: 2,
    topics: [TOPIC],
    seed: SEED,
    // 512 MB: topic 01 needs about half; filling the rest takes seconds on a busy machine.
    limits: { topicTimeoutMs: 90_000, memoryMb: 512, outputBytes: 64 * 1024, importTimeoutMs: 5_000 },
    retries: 2,
    typecheck: false,
    isolation: 'auto',
    fresh: true,
    html: false,
    progress: createProgress(process.stderr, true),
    ...extra,
  }
}

const student = (batch: BatchOutcome, id: string): StudentResult => {
  const found = batch.batch.students.find((s) => s.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return found
}
const topicOf = (batch: BatchOutcome, id: string) => student(batch, id).score.topics[0]!
const testOf = (batch: BatchOutcome, id: string, testId: string): ScoredTest => topicOf(batch, id).tests.find((t) => t.id === testId)!
/** What must not depend on who else is in the batch: each test's points and status. */
const verdicts = (s: StudentResult) => s.score.topics.map((t) => [t.topic, t.score, t.status, t.tests.map((x) => [x.id, x.points, x.status])])

beforeAll(async () => {
  server = createServer((socket) => {
    connections++
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const submissions = path.join(work, 'class')
  buildHostileClass(submissions, { canaryDir, outDir: out, port })
  hostile = await gradeBatch(options(submissions, out))

  // The honest students again, alone, with the type check on (for the type-error case).
  const honest = path.join(work, 'honest')
  folder(honest, 'key', {}, KEY)
  folder(honest, 'stubs', {}, STUB)
  folder(honest, 'partial', {}, keyReplacing('sumRuleDelta', 'return (eps) => Math.min(deltaF(eps), deltaG(eps))'))
  folder(honest, 'type-error', {}, readFileSync(path.join(submissions, 'type-error', 'exercises', TOPIC, 'limits.ts'), 'utf8'))
  alone = await gradeBatch(options(honest, path.join(work, 'out-honest'), { typecheck: true }))
}, 600_000)

afterAll(() => {
  server?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('the batch grader on a hostile class', () => {
  it('completes, with a result for every submission, and sandboxed with namespaces on this machine', () => {
    expect(hostile.batch.students).toHaveLength(29)
    expect(hostile.batch.students.filter((s) => s.status === 'error')).toEqual([])
    expect(existsSync(path.join(out, 'results.json'))).toBe(true)
    if (detectSandbox('auto').namespaces) expect(hostile.batch.sandbox?.warning).toBeUndefined()
  })

  it('gives the answer key full marks and the stubs nothing, as when they are graded alone', () => {
    expect(student(hostile, 'key').score.total).toBe(MAX)
    expect(student(hostile, 'stubs').score.total).toBe(0)
    expect(topicOf(hostile, 'stubs').status).toBe('not-started')
    expect(testOf(hostile, 'partial', 'sumRule.valid').status).toBe('failed')
    for (const id of ['key', 'stubs', 'partial']) expect(verdicts(student(hostile, id))).toEqual(verdicts(student(alone, id)))
  })

  it('ends a synchronous loop at import and scores the topic 0', () => {
    expect(student(hostile, 'loop-at-import').score.total).toBe(0)
    expect(topicOf(hostile, 'loop-at-import').status).toBe('load-error')
    expect(topicOf(hostile, 'loop-at-import').reason).toMatch(/did not finish loading in 5 s/)
  })

  it('ends a loop inside a function at the test\'s deadline, costing only the tests that call it', () => {
    const looping = testOf(hostile, 'loop-in-function', 'quotientDelta.valid')
    expect(looping.status).toBe('timeout')
    expect(looping.failure?.summary).toMatch(/did not return within the 10 s this test allows/)
    // (The bad-input tests call it too, but its checks refuse their input before the loop.)
    expect(student(hostile, 'loop-in-function').score.total).toBe(MAX - points('quotientDelta.valid'))
    expect(topicOf(hostile, 'loop-in-function').status).toBe('timed-out')
  })

  it('ends a module that waits for a promise that never settles', () => {
    expect(student(hostile, 'never-settles').score.total).toBe(0)
    expect(topicOf(hostile, 'never-settles').status).toBe('load-error')
    expect(topicOf(hostile, 'never-settles').reason).toMatch(/never settles|did not finish loading/)
  })

  it('fails only the tests that hit unbounded recursion', () => {
    for (const id of limitTests) expect(testOf(hostile, 'recursion', id).points).toBe(0)
    expect(testOf(hostile, 'recursion', 'limit.lecture').failure?.summary).toMatch(/Maximum call stack/)
    expect(student(hostile, 'recursion').score.total).toBe(MAX - points(...limitTests))
  })

  it('ends a process that allocates without bound and keeps the other tests', () => {
    const hog = testOf(hostile, 'huge-allocation', 'quotientDelta.valid')
    expect(hog.points).toBe(0)
    // Usually the memory limit; on a machine so loaded that filling the heap takes over 10 s, the time limit.
    expect(hog.failure?.summary ?? '').toMatch(/memory|did not return within/)
    expect(student(hostile, 'huge-allocation').score.total).toBe(MAX - points('quotientDelta.valid'))
  })

  it('does not take an early process.exit(0) for success', () => {
    expect(student(hostile, 'exit-at-import').score.total).toBe(0)
    expect(topicOf(hostile, 'exit-at-import').reason).toMatch(/process.exit/)
  })

  it('refuses to signal the parent process (the test process)', () => {
    expect(student(hostile, 'kill-parent').score.total).toBe(0)
    expect(topicOf(hostile, 'kill-parent').status).toBe('load-error')
    expect(topicOf(hostile, 'kill-parent').reason).toMatch(/process.kill\(\d+\) refused/)
  })

  it('has no require(), and with it no child processes', () => {
    expect(student(hostile, 'spawn').score.total).toBe(0)
    expect(topicOf(hostile, 'spawn').status).toBe('load-error')
    expect(topicOf(hostile, 'spawn').reason).toMatch(/require is not defined/)
    expect(existsSync(path.join(canaryDir, 'spawned'))).toBe(false)
  })

  it('refuses node:fs, so the answer key cannot be read', () => {
    expect(student(hostile, 'read-key').score.total).toBe(0)
    expect(topicOf(hostile, 'read-key').status).toBe('forbidden-import')
    expect(topicOf(hostile, 'read-key').reason).toMatch(/Forbidden import "node:fs"/)
    expect(student(hostile, 'read-key').output ?? '').not.toContain('export function limit')
  })

  it('keeps exercise code that gets hold of node:fs from writing the outputs, writing elsewhere or reading the key', () => {
    const sneaky = student(hostile, 'write-outputs')
    expect(sneaky.score.total).toBe(MAX) // every attempt failed and was caught; the code itself is right
    expect(sneaky.output).toMatch(/refused: /)
    expect(sneaky.output).not.toMatch(/KEY:/)
    expect(existsSync(path.join(canaryDir, 'written'))).toBe(false)
    expect(JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')).students).toHaveLength(29)
  })

  it('lets no connection reach 127.0.0.1', () => {
    expect(student(hostile, 'socket').score.total).toBe(MAX)
    expect(connections).toBe(0)
  })

  it('keeps only a bounded part of 100 MB of output', () => {
    const flood = student(hostile, 'print-100mb')
    expect(flood.score.total).toBe(MAX)
    expect((flood.output ?? '').length).toBeLessThan(200_000)
    // (How much of it leaves the student process before that process ends varies; never all of it reaches the report.)
    expect(flood.output).toMatch(/\d+ bytes of your code's output not shown/)
  })

  it('gives no points for patching vitest\'s expect or registering tests of its own', () => {
    expect(student(hostile, 'patch-expect').score.total).toBe(0)
  })

  it('lets changes to Math and Array.prototype change only the student\'s own results', () => {
    // Math.abs = () => 0 breaks the student's own limit(): its verdicts are its own.
    expect(student(hostile, 'patch-math').score.total).toBeLessThan(MAX)
    expect(topicOf(hostile, 'patch-math').status).toBe('partial')
    // A harmless wrapper around Array.prototype.map costs nothing.
    expect(student(hostile, 'patch-array').score.total).toBe(MAX)
  })

  it('reports a thrown non-Error on the tests that met it', () => {
    expect(testOf(hostile, 'throws-non-error', 'limit.lecture').status).toBe('error')
    expect(testOf(hostile, 'throws-non-error', 'limit.lecture').failure?.summary).toMatch(/non-Error value "not an Error"/)
    expect(student(hostile, 'throws-non-error').score.total).toBe(MAX - points(...limitTests))
  })

  it('scores a syntax error 0 and says it does not load', () => {
    expect(student(hostile, 'syntax-error').score.total).toBe(0)
    expect(topicOf(hostile, 'syntax-error').status).toBe('load-error')
  })

  it('reports a type error from the TypeScript check without changing the score', () => {
    const typed = student(alone, 'type-error')
    expect(typed.score.total).toBe(MAX)
    expect(typed.diagnostics?.map((d) => d.message).join('\n')).toMatch(/type error: 01-limits\/limits.ts\(\d+,\d+\): error TS2322/)
    expect(typed.diagnostics?.filter((d) => d.kind === 'type-error').map((d) => d.topic)).toContain('01-limits')
    expect(student(alone, 'key').diagnostics?.filter((d) => d.kind === 'type-error')).toEqual([])
  })

  it('fails only the tests of a missing export', () => {
    const missing = student(hostile, 'missing-export')
    const finder = Object.keys(manifest.tests).filter((id) => id.startsWith('findCounterexample.'))
    for (const id of finder) expect(testOf(hostile, 'missing-export', id).points).toBe(0)
    expect(missing.score.total).toBeLessThan(MAX)
    expect(missing.score.total).toBeGreaterThanOrEqual(MAX - points(...finder, 'deltas.badInput', 'deltas.badInputNamed'))
  })

  it('rejects an empty folder, an empty zip and a corrupt zip with the reason', () => {
    expect(student(hostile, 'empty-folder')).toMatchObject({ status: 'rejected', error: expect.stringMatching(/folder is empty/) })
    expect(student(hostile, 'empty-zip')).toMatchObject({ status: 'rejected', error: expect.stringMatching(/zip file is empty/) })
    expect(student(hostile, 'corrupt-zip')).toMatchObject({ status: 'rejected', error: expect.stringMatching(/cannot be read/) })
  })

  it('refuses zip-slip entries and links in a zip, and grades the rest', () => {
    const slip = student(hostile, 'zip-slip')
    expect(slip.score.total).toBe(MAX)
    const notes = slip.diagnostics?.map((d) => d.message).join('\n') ?? ''
    expect(notes).toMatch(/slipped.ts: its path climbs out/)
    expect(notes).toMatch(/absolute.ts: it has an absolute path/)
    expect(notes).toMatch(/link.ts: it is a symbolic link/)
    expect(existsSync(canaryDir) ? readdirSync(canaryDir) : []).toEqual([])
  })

  it('refuses a symbolic link to a file outside the submission', () => {
    const linked = student(hostile, 'symlink-outside')
    expect(linked.status).toBe('rejected')
    expect(linked.diagnostics?.map((d) => d.message).join('\n')).toMatch(/limits.ts: it is a symbolic link to a file outside the submission/)
  })

  it('refuses a file name that is not valid UTF-8, and grades a student whose name is not', () => {
    expect(student(hostile, 'bad-file-name').score.total).toBe(MAX)
    expect(student(hostile, 'bad-file-name').diagnostics?.map((d) => d.message).join('\n')).toMatch(/caf\\xe9-\\xff\.ts: its name is not valid UTF-8/)
    const renamed = hostile.batch.students.find((s) => s.source.includes('\\xff'))!
    expect(renamed.id).toBe('bad-_xff-name')
    expect(renamed.score.total).toBe(MAX)
  })
})

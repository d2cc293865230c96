// Trusted verdicts: what a determined student (or a coding assistant told to "make the tests pass")
// tries against the grader, on submissions with two topics. Each topic's code runs in a process of
// its own and every verdict is computed outside it, so none of these changes a score it should not:
// a stub stays 0, a correct topic keeps full marks whatever the other topic does, and a patched
// built-in only affects the topic that patched it, through its own results.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BatchOutcome, type GradeOptions, gradeBatch } from '../batch/batch.ts'
import { createProgress } from '../batch/progress.ts'
import { loadManifest } from '../core/manifest.ts'
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../core/paths.ts'
import type { StudentResult } from '../core/results.ts'
import { KEY, folder, keyReplacing } from './batch-fixtures.ts'

const LIMITS = '01-limits'
const MATRICES = '03-matrices'
const MATRICES_KEY = readFileSync(path.join(SOLUTIONS_DIR, MATRICES, 'matrices.ts'), 'utf8')
const MATRICES_STUB = readFileSync(path.join(EXERCISES_DIR, MATRICES, 'matrices.ts'), 'utf8')
const max = (topic: string) => Object.values(loadManifest(topic).tests).reduce((s, t) => s + t.points, 0)

const work = mkdtempSync(path.join(os.tmpdir(), 'batch-trust-'))
let batch: BatchOutcome

/** A submission with topic 01 and topic 03. */
function submission(dir: string, id: string, limits: string, matrices: string): void {
  folder(dir, id, { [`exercises/${LIMITS}/limits.ts`]: limits, [`exercises/${MATRICES}/matrices.ts`]: matrices })
}

/** 03's answer key with `add` building its result in its first argument (a mistake the tests must catch). */
const addInPlace = MATRICES_KEY.replace('return a.map((row, i) => row.map((x, j) => x + B[i]![j]!))', 'a.forEach((row, i) => row.forEach((x, j) => ((row as number[])[j] = x + B[i]![j]!)))\n    return a as number[][]')

beforeAll(async () => {
  const dir = path.join(work, 'class')
  submission(dir, 'honest', KEY, MATRICES_KEY)
  // A common JavaScript habit: a helper on Array.prototype, never used. It costs nothing now.
  submission(dir, 'sum-helper', KEY, `${MATRICES_KEY}\ndeclare global { interface Array<T> { sum(): number } }\nArray.prototype.sum = function (this: number[]) { return this.reduce((a, b) => a + b, 0) }\n`)
  // Built-ins the harness once used, patched: only 03's own results can change.
  submission(dir, 'patch-every', KEY, `${MATRICES_KEY}\nArray.prototype.every = () => true\n`)
  submission(dir, 'clone-hides-mutation', KEY, `${addInPlace}\n;(globalThis as { structuredClone: unknown }).structuredClone = (x: unknown) => x\n`)
  // fast-check's global settings, from 03: the import is refused, and 01 does not notice.
  submission(dir, 'fast-check', KEY, `import fc from 'fast-check'\nfc.configureGlobal({ interruptAfterTimeLimit: 1 })\n${MATRICES_KEY}`)
  // Untouched stubs that reach for the test runner's internals to register passes of their own.
  submission(dir, 'forger', keyReplacing('limit', 'return NaN'), `${MATRICES_STUB}
const g = globalThis as Record<string, any>
for (const name of ['__vitest_worker__', '__vitest_index__', '__vitest_mocker__', '__vitest_required__']) {
  try { console.log(name, typeof g[name]) } catch {}
}
try { g.__vitest_worker__.rpc.onTaskUpdate([]) } catch (e) { console.log('no runner:', (e as Error).message) }
`)
  // Unbounded recursion is no refusal of bad input.
  submission(dir, 'recursing', keyReplacing('quotientDelta', 'if (!(eps > 0) || !Number.isFinite(eps)) return quotientDelta(eps)\n  return eps'), MATRICES_KEY)
  // Writes where the grader keeps its notes and results: the student's process may write nothing.
  submission(dir, 'writer', `import { appendFileSync } from 'node:fs'\n${KEY}\ntry { appendFileSync('/tmp/course-grader-notes.jsonl', '{"kind":"timeout"}') } catch {}\n`, MATRICES_KEY)

  const options: GradeOptions = {
    submissions: dir,
    out: path.join(work, 'out'),
    jobs: 2,
    topics: [LIMITS, MATRICES],
    seed: 777,
    limits: { topicTimeoutMs: 120_000, memoryMb: 1024, outputBytes: 64 * 1024 },
    retries: 2,
    typecheck: false,
    isolation: 'auto',
    fresh: true,
    html: false,
    progress: createProgress(process.stderr, true),
  }
  batch = await gradeBatch(options)
}, 900_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

const student = (id: string): StudentResult => batch.batch.students.find((s) => s.id === id)!
const topic = (id: string, name: string) => student(id).score.topics.find((t) => t.topic === name)!
const test = (id: string, name: string, testId: string) => topic(id, name).tests.find((t) => t.id === testId)!
/** Each test's points and status: what must not depend on what another topic's code does. */
const verdicts = (id: string, name: string) => topic(id, name).tests.map((t) => [t.id, t.points, t.status])

describe('what one topic\'s code does reaches no other topic, and no verdict', () => {
  it('the honest submission has full marks in both topics', () => {
    expect(topic('honest', LIMITS).score).toBe(max(LIMITS))
    expect(topic('honest', MATRICES).score).toBe(max(MATRICES))
  })

  it('an unused Array.prototype helper costs nothing, in its topic or another', () => {
    expect(topic('sum-helper', MATRICES).score).toBe(max(MATRICES))
    expect(verdicts('sum-helper', LIMITS)).toEqual(verdicts('honest', LIMITS))
  })

  it('a patched Array.prototype.every changes only its own topic\'s results', () => {
    expect(verdicts('patch-every', LIMITS)).toEqual(verdicts('honest', LIMITS))
    expect(topic('patch-every', MATRICES).status).not.toBe('tampered')
  })

  it('a replaced structuredClone does not hide an add that changes its argument', () => {
    expect(test('clone-hides-mutation', MATRICES, 'matrices.argumentsUnchanged').status).toBe('failed')
    expect(verdicts('clone-hides-mutation', LIMITS)).toEqual(verdicts('honest', LIMITS))
  })

  it('importing fast-check to change its settings is refused for that topic only', () => {
    expect(topic('fast-check', MATRICES).status).toBe('forbidden-import')
    expect(topic('fast-check', MATRICES).score).toBe(0)
    expect(verdicts('fast-check', LIMITS)).toEqual(verdicts('honest', LIMITS))
  })

  it('stubs that reach for the test runner find none, and score nothing', () => {
    expect(topic('forger', MATRICES).score).toBe(0)
    expect(topic('forger', MATRICES).status).toBe('not-started')
    expect(student('forger').output ?? '').toMatch(/__vitest_worker__ undefined/)
    expect(test('forger', LIMITS, 'limit.lecture').status).toBe('failed')
  })

  it('a function that recurses without end on bad input does not earn the bad-input tests', () => {
    expect(test('recursing', LIMITS, 'deltas.badInput').status).not.toBe('passed')
    expect(test('recursing', LIMITS, 'quotientDelta.valid').status).toBe('passed')
    expect(topic('recursing', MATRICES).score).toBe(max(MATRICES))
  })

  it('a forbidden import of the file system fails its topic alone, with the reason', () => {
    expect(topic('writer', LIMITS).status).toBe('forbidden-import')
    expect(topic('writer', LIMITS).reason).toMatch(/Forbidden import "node:fs"/)
    expect(topic('writer', MATRICES).score).toBe(max(MATRICES))
  })
})

// The grader runs all the topics of one submission in one test process. A topic that takes that
// process down (a loop the watchdog ends, memory the supervisor ends, a hard crash) must cost only
// its own tests: every other topic of that student scores what it scores when graded alone.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { type BatchOutcome, type GradeOptions, gradeBatch } from '../batch/batch.ts'
import { createProgress } from '../batch/progress.ts'
import { SOLUTIONS_DIR } from '../core/paths.ts'
import type { StudentResult } from '../core/results.ts'
import { KEY, STUB, folder, keyWithin } from './batch-fixtures.ts'

const TOPICS = ['01-limits', '02-derivatives', '03-matrices']
const key = (topic: string, file: string) => readFileSync(path.join(SOLUTIONS_DIR, topic, file), 'utf8')
const work = mkdtempSync(path.join(os.tmpdir(), 'batch-shared-'))
let batch: BatchOutcome

function options(submissions: string): GradeOptions {
  return {
    submissions,
    out: path.join(work, 'out'),
    jobs: 2,
    topics: TOPICS,
    seed: 77,
    limits: { topicTimeoutMs: 90_000, memoryMb: 768, outputBytes: 64 * 1024, importTimeoutMs: 20_000 },
    retries: 2,
    typecheck: false,
    isolation: 'auto',
    fresh: true,
    html: false,
    progress: createProgress(process.stderr, true),
  }
}

const student = (id: string): StudentResult => batch.batch.students.find((s) => s.id === id)!
const scoreOf = (id: string, topic: string) => student(id).score.topics.find((t) => t.topic === topic)!

beforeAll(async () => {
  const dir = path.join(work, 'class')
  const others = { 'exercises/02-derivatives/derivatives.ts': key('02-derivatives', 'derivatives.ts'), 'exercises/03-matrices/matrices.ts': key('03-matrices', 'matrices.ts') }
  folder(dir, 'key', others, KEY)
  // Topic 01 runs first; each of these ends the shared process in its own way.
  folder(dir, 'loop-at-import', others, `${KEY}\nfor (;;) { /* never ends */ }\n`)
  folder(dir, 'hoards-memory', others, keyWithin('quotientDelta', 'const hoard: Float64Array[] = []\n  for (;;) hoard.push(new Float64Array(1 << 20).fill(eps))'))
  folder(dir, 'stubs', {}, STUB)
  batch = await gradeBatch(options(dir))
}, 600_000)

describe('one test process for all the topics of a submission', () => {
  it('gives the answer key full marks in every topic', () => {
    for (const topic of TOPICS) expect(scoreOf('key', topic).score).toBe(scoreOf('key', topic).max)
  })

  it('a topic that ends the process costs only its own tests', () => {
    for (const id of ['loop-at-import', 'hoards-memory']) {
      expect(scoreOf(id, '01-limits').score, id).toBeLessThan(scoreOf('key', '01-limits').max)
      for (const topic of TOPICS.slice(1)) expect(scoreOf(id, topic).score, `${id} ${topic}`).toBe(scoreOf('key', topic).max)
    }
    expect(student('loop-at-import').diagnostics!.map((d) => d.message).join('\n')).toMatch(/ran again in a new one|ran past its time limit/)
  })

  // The batch shares Vite's transforms of the course's own modules between students; the test files'
  // transforms hold the path of one student's code and must never be shared.
  it('a stub graded in the same batch as the answer key scores 0 and is not run twice', () => {
    expect(student('stubs').score.total).toBe(0)
    expect(student('stubs').diagnostics ?? []).toEqual([])
  })
})

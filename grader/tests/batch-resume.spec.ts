// The batch grader as a teacher runs it (`npm run grade`): killed half-way and started again, it
// finishes without grading finished students again; after one resubmission it grades only that
// student; and three shards merged give the grades.csv of one unsharded run.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { COURSE_ROOT } from '../core/paths.ts'
import type { BatchResult } from '../core/results.ts'
import { KEY, STUB, TOPIC, folder, keyReplacing } from './batch-fixtures.ts'

const work = mkdtempSync(path.join(os.tmpdir(), 'batch-resume-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const submissions = path.join(work, 'class')
const out = path.join(work, 'out')
const cache = path.join(out, '.grader', 'cache')
const CLI = path.join(COURSE_ROOT, 'grader', 'cli', 'grade.ts')
const common = ['--seed', '11', '--topics', '01', '--jobs', '1', '--no-typecheck', '--no-html', '--import-timeout', '10']

function grade(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  // node --import tsx, not the tsx command: that one runs the grader in a child, which a kill would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: COURSE_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk))
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })))
  return { child, done }
}

const results = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BatchResult
const gradedAt = (batch: BatchResult) => Object.fromEntries(batch.students.map((s) => [s.id, s.gradedAt]))

describe('npm run grade', () => {
  it('resumes a killed batch, re-grades only a resubmission, and merges shards into the unsharded grades', async () => {
    folder(submissions, 'amy', {}, KEY)
    folder(submissions, 'ben', {}, STUB)
    folder(submissions, 'cat', {}, keyReplacing('sumRuleDelta', 'return (eps) => Math.min(deltaF(eps), deltaG(eps))'))
    folder(submissions, 'dan', { 'notes.txt': 'no exercises here' })

    // Killed (SIGKILL, as by a CI timeout) once the first student is finished.
    const first = grade([submissions, '--out', out, ...common])
    const deadline = Date.now() + 120_000
    while (!(existsSync(cache) && readdirSync(cache).some((f) => f.endsWith('.json'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    first.child.kill('SIGKILL')
    await first.done
    expect(existsSync(path.join(out, 'results.json'))).toBe(false)
    const finishedBefore = readdirSync(cache).filter((f) => f.endsWith('.json')).length
    expect(finishedBefore).toBeGreaterThanOrEqual(1)

    const second = await grade([submissions, '--out', out, ...common]).done
    expect(second.code).toBe(0)
    expect(second.stderr).toMatch(new RegExp(`\\(\\d graded, ${finishedBefore} from the cache\\)`))
    const complete = results(out)
    expect(complete.students.map((s) => [s.id, s.status, s.score.total])).toEqual([
      ['amy', 'graded', complete.students[0]!.score.max],
      ['ben', 'graded', 0],
      ['cat', 'graded', expect.any(Number)],
      ['dan', 'rejected', 0],
    ])
    const header = readFileSync(path.join(out, 'grades.csv'), 'utf8').split('\n')[0]
    expect(header).toBe(`id,status,total,max,seed,${TOPIC}`)

    // cat resubmits a corrected file: only cat is graded again.
    writeFileSync(path.join(submissions, 'cat', 'exercises', TOPIC, 'limits.ts'), KEY)
    const third = await grade([submissions, '--out', out, ...common]).done
    expect(third.code).toBe(0)
    const after = results(out)
    expect(gradedAt(after).amy).toBe(gradedAt(complete).amy)
    expect(gradedAt(after).ben).toBe(gradedAt(complete).ben)
    expect(gradedAt(after).cat).not.toBe(gradedAt(complete).cat)
    expect(after.students.find((s) => s.id === 'cat')!.score.total).toBe(after.students[0]!.score.max)

    // Three shards (sharing the cache, as a CI cache would) merged = the unsharded grades.
    const shardDirs = [1, 2, 3].map((i) => path.join(work, `shard-${i}`))
    for (const [i, dir] of shardDirs.entries()) {
      const shard = await grade([submissions, '--out', dir, '--shard', `${i + 1}/3`, '--cache', cache, ...common]).done
      expect(shard.code).toBe(0)
    }
    expect(shardDirs.reduce((n, dir) => n + results(dir).students.length, 0)).toBe(4)
    const merged = path.join(work, 'merged')
    const merge = await grade(['merge', ...shardDirs, '--out', merged, '--no-html']).done
    expect(merge.code).toBe(0)
    expect(readFileSync(path.join(merged, 'grades.csv'), 'utf8')).toBe(readFileSync(path.join(out, 'grades.csv'), 'utf8'))
  }, 600_000)
})

// Where grades leave the grader: grades.csv's status column, the Canvas/Moodle gradebook export, the
// roster, one median everywhere, seeds from a course secret, Gradescope's hidden tests, the bound on
// what GitHub Classroom's reporter is handed, and every layout a submission can take.
import { readFileSync, readdirSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_ENCODED_BYTES, classroomResults, encodeForReporter } from '../batch/outputs/classroom.ts'
import { gradebookCsv, gradesCsv } from '../batch/outputs/grades-csv.ts'
import { gradescopeResults } from '../batch/outputs/gradescope.ts'
import { classStats } from '../core/class-stats.ts'
import { summaryMarkdown } from '../batch/outputs/summary.ts'
import { readRoster } from '../batch/roster.ts'
import { MIN_SECRET_LENGTH, readCourseSecret, secretFingerprint, seedNote, studentSeed } from '../core/seeds.ts'
import { exerciseFileNames, stageSubmission } from '../batch/staging.ts'
import { buildZip } from '../../tools/zip-writer.ts'
import { loadManifest, topicsIn } from '../core/manifest.ts'
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../core/paths.ts'
import { renderClassPage } from '../report/index.ts'
import type { BatchResult, StudentResult } from '../core/results.ts'
import { scoreRun } from '../core/scoring.ts'

const work = mkdtempSync(path.join(os.tmpdir(), 'course-gradebook-spec-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const TOPICS = topicsIn()
/** A student of the whole course with `passed` tests passing in each topic (the rest failing or not started). */
function student(id: string, status: StudentResult['status'], passedPerTopic: number, seed = 11): StudentResult {
  const score = scoreRun({ topics: [], unhandledErrors: [], watchdog: [], durationMs: 0 }, { topics: TOPICS })
  for (const topic of score.topics) {
    topic.tests.forEach((test, i) => {
      if (status === 'graded' && i < passedPerTopic) {
        test.status = 'passed'
        test.points = test.max
      } else test.status = status === 'graded' && passedPerTopic > 0 ? 'failed' : 'not-implemented'
    })
    topic.score = topic.tests.reduce((s, t) => s + t.points, 0)
  }
  score.total = score.topics.reduce((s, t) => s + t.score, 0)
  return { id, source: id, status, score, seed, seedPolicy: { kind: 'fixed' }, durationMs: 1000, hash: id, ...(status === 'rejected' ? { error: 'the zip file cannot be read' } : {}) }
}
const batchOf = (students: StudentResult[], extra: Partial<BatchResult> = {}): BatchResult => ({
  courseVersion: 'v', seed: 11, seedPolicy: { kind: 'fixed' }, topics: TOPICS, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', students, ...extra,
})

describe('the gradebook', () => {
  const students = [student('amy', 'graded', 3), student('ben', 'graded', 1), student('cat', 'graded', 0), student('dan', 'rejected', 0), student('eve', 'not-submitted', 0), student('fay', 'error', 0)]

  it('grades.csv tells a real zero from a rejected, missing or ungraded submission', () => {
    const rows = parse(gradesCsv(batchOf(students)), { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => [r.id, r.status, r.total])).toEqual([
      ['amy', 'graded', String(students[0]!.score.total)],
      ['ben', 'graded', String(students[1]!.score.total)],
      ['cat', 'graded', '0'],
      ['dan', 'rejected', '0'],
      ['eve', 'not submitted', '0'],
      ['fay', 'failed to grade', '0'],
    ])
    expect(rows.every((r) => r.seed === '11')).toBe(true)
  })

  it('gradebook.csv is the layout Canvas and Moodle import: a row per student, empty where there is no grade', () => {
    const roster = [{ id: 'amy', name: 'Amy Li', sisUserId: 'S001', login: 'amy@uni.example', section: 'A' }, { id: 'ben' }]
    const rows = parse(gradebookCsv(batchOf(students), { assignment: 'HW 1 (ML)', roster }), { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'HW 1 (ML)'])
    expect(rows[0]).toEqual({ Student: 'Amy Li', ID: '', 'SIS User ID': 'S001', 'SIS Login ID': 'amy@uni.example', Section: 'A', 'HW 1 (ML)': String(students[0]!.score.total) })
    expect(rows.map((r) => r['HW 1 (ML)'])).toEqual([String(students[0]!.score.total), String(students[1]!.score.total), '0', '0', '', ''])
    // Without a roster entry the id stands as name and login; a formula in a name is defused.
    const hostile = parse(gradebookCsv(batchOf([student('=cmd', 'graded', 1)]), { assignment: 'x' }), { columns: true }) as Record<string, string>[]
    expect(hostile[0]!.Student).toBe("'=cmd")
  })

  it('reads a roster with the usual column names, and refuses one without ids or with a duplicate', () => {
    const file = path.join(work, 'roster.csv')
    writeFileSync(file, '\ufeffGitHub Username,Full Name,SIS User ID,Email,Section\namy,Amy Li,S001,amy@uni.example,A\nben,Ben,,,\n')
    expect(readRoster(file)).toEqual([{ id: 'amy', name: 'Amy Li', sisUserId: 'S001', login: 'amy@uni.example', section: 'A' }, { id: 'ben', name: 'Ben' }])
    writeFileSync(file, 'name\nAmy\n')
    expect(() => readRoster(file)).toThrow(/needs a column "id"/)
    writeFileSync(file, 'id\namy\nAMY\n')
    expect(() => readRoster(file)).toThrow(/twice/)
  })

  it('summary.md and index.html give the same median for the same class', async () => {
    for (const group of [students, students.slice(0, 2), students.slice(0, 1)]) {
      const batch = batchOf(group)
      const stats = classStats(batch)
      const shown = `${stats.median}/${stats.max}`
      expect(summaryMarkdown(batch)).toContain(`Median ${shown} (`)
      const page = await renderClassPage(batch, { lang: 'en' })
      const median = /Median<\/dt><dd>([^<]+)</.exec(page)?.[1]
      expect(median, 'the class page shows a median').toBeDefined()
      expect(summaryMarkdown(batch)).toContain(`Median ${median}`)
    }
    // Two graded students: the mean of the two middle totals, not the lower one.
    const two = classStats(batchOf(students.slice(0, 2)))
    expect(two.median).toBe((students[0]!.score.total + students[1]!.score.total) / 2)
  })
})

describe('grading seeds from a course secret', () => {
  const secret = 'a course secret of forty characters .....'

  it('give each student one seed, the same every time, different between students and secrets', () => {
    expect(studentSeed(secret, 'amy')).toBe(studentSeed(secret, 'amy'))
    const seeds = new Set(Array.from({ length: 500 }, (_, i) => studentSeed(secret, `student-${i}`)))
    expect(seeds.size).toBe(500)
    expect(studentSeed(`${secret}!`, 'amy')).not.toBe(studentSeed(secret, 'amy'))
    for (const s of seeds) expect(s >= 1 && s <= 2 ** 31 - 2 && Number.isInteger(s)).toBe(true)
  })

  it('come from COURSE_SECRET or a file, refuse a short secret, and are named in the outputs without the secret', () => {
    expect(readCourseSecret({ COURSE_SECRET: secret })?.value).toBe(secret)
    const file = path.join(work, 'secret')
    writeFileSync(file, `${secret}\n`)
    expect(readCourseSecret({ COURSE_SECRET_FILE: file })).toMatchObject({ value: secret, file })
    expect(() => readCourseSecret({ COURSE_SECRET: 'x'.repeat(MIN_SECRET_LENGTH - 1) })).toThrow(/at least 16/)
    const note = seedNote({ kind: 'secret', fingerprint: secretFingerprint(secret), source: 'env' }, 42)
    expect(note).toContain('42')
    expect(note).toContain(secretFingerprint(secret))
    expect(note).not.toContain(secret)
    expect(seedNote({ kind: 'random' }, 42)).toMatch(/no course secret is set.*--seed 42/)
  })
})

describe("Gradescope's results before the due date", () => {
  it('no total, count or message a student sees includes the hidden tests', () => {
    const amy = student('amy', 'graded', 2)
    const hidden = amy.score.topics.flatMap((t) => t.tests.filter((x) => x.hidden))
    expect(hidden.length).toBeGreaterThan(1)
    // One hidden test passed: the total differs from the visible tests' sum.
    const passedHidden = hidden.at(-1)!
    passedHidden.status = 'passed'
    passedHidden.points = passedHidden.max
    amy.score.topics.find((t) => t.tests.includes(passedHidden))!.score += passedHidden.max
    amy.score.total += passedHidden.max
    // A hidden test that hung: its topic's reason names it.
    const topic = amy.score.topics.find((t) => t.tests.some((x) => x.hidden))!
    const culprit = topic.tests.find((x) => x.hidden)!
    topic.status = 'timed-out'
    topic.reason = `"${culprit.title}" (${culprit.id}) ran longer than 10 s`
    amy.diagnostics = [{ kind: 'grading', message: `the watchdog ended ${culprit.id}` }, { kind: 'files', message: 'refused notes.txt: not an exercise file' }]
    const results = gradescopeResults(amy, 'en')
    const visible = amy.score.topics.flatMap((t) => t.tests.filter((x) => !x.hidden))
    const visibleScore = visible.reduce((s, x) => s + x.points, 0)
    const visibleMax = visible.reduce((s, x) => s + x.max, 0)
    expect(results.output).toContain(`Visible tests: ${visibleScore}/${visibleMax} points, ${visible.filter((x) => x.status === 'passed').length} of ${visible.length} tests passed.`)
    expect(results.output).not.toContain(`${amy.score.total}/`)
    expect(results.output).not.toContain(`/${amy.score.max}`)
    expect(results.output).not.toContain(culprit.id)
    expect(results.output).toContain('refused notes.txt')
    const seen = results.tests.filter((t) => t.visibility === 'visible')
    expect(seen.length).toBe(visible.length)
    for (const t of seen) expect(t.output).not.toContain(culprit.id)
    expect(results.tests.filter((t) => t.visibility === 'after_due_date').length).toBe(hidden.length)
    // The grade and the teacher's figures still count them.
    expect(results.score).toBe(amy.score.total)
    expect(results.extra_data).toMatchObject({ total: amy.score.total, max: amy.score.max, hidden: { tests: hidden.length } })
  })
})

describe("GitHub Classroom's reporter", () => {
  it('gets one entry per topic whose points add up to the total, far below Linux\'s limit for one variable', () => {
    for (const lang of ['en', 'zh-TW'] as const) {
      const worst = student('amy', 'graded', 1)
      // Every failure with the longest message a student's code can cause, in the widest characters.
      for (const t of worst.score.topics.flatMap((x) => x.tests)) if (t.status !== 'passed') t.message = '𝑥錯'.repeat(20_000)
      const results = classroomResults(worst, lang)
      const encoded = encodeForReporter(results)
      expect(encoded.length).toBeLessThanOrEqual(MAX_ENCODED_BYTES)
      expect(MAX_ENCODED_BYTES).toBeLessThan(131_072)
      const decoded = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as typeof results
      expect(decoded.tests.reduce((s, t) => s + t.score, 0)).toBe(worst.score.total)
      expect(decoded.max_score).toBe(worst.score.max)
      expect(decoded.tests.filter((t) => t.max_score > 0).map((t) => t.name.slice(0, 2))).toEqual(TOPICS.map((t) => t.slice(0, 2)))
    }
  })
})

describe('every layout a submission can take', () => {
  const allFiles = TOPICS.flatMap((topic) => readdirSync(path.join(SOLUTIONS_DIR, topic)).filter((n) => n.endsWith('.ts')).map((n) => ({ topic, name: n, data: readFileSync(path.join(SOLUTIONS_DIR, topic, n)) })))
  const layouts: Record<string, (f: (typeof allFiles)[number]) => string> = {
    'loose files': (f) => f.name,
    'a folder per topic': (f) => `${f.topic}/${f.name}`,
    'a whole repository': (f) => `ml-exercises-amy/exercises/${f.topic}/${f.name}`,
  }

  it('each exercise file name belongs to one topic', () => {
    const names = exerciseFileNames(TOPICS)
    expect(new Set(names.values())).toEqual(new Set(TOPICS))
  })

  for (const [layout, place] of Object.entries(layouts)) {
    for (const zipped of [false, true]) {
      it(`${layout}${zipped ? ', zipped' : ''}: every topic's files are staged in their topic`, async () => {
        const dir = path.join(work, `${layout}-${zipped}`.replace(/\W+/g, '-'))
        const entries = [...allFiles.map((f) => ({ name: place(f), data: f.data })), { name: place({ topic: '01-limits', name: 'notes.md', data: Buffer.from('') }), data: Buffer.from('my notes') }]
        let source = dir
        if (zipped) {
          mkdirSync(dir, { recursive: true })
          source = path.join(dir, 'amy.zip')
          writeFileSync(source, buildZip(entries.map((e) => ({ ...e, deflate: true }))))
        } else {
          for (const e of entries) {
            mkdirSync(path.dirname(path.join(dir, e.name)), { recursive: true })
            writeFileSync(path.join(dir, e.name), e.data)
          }
        }
        const workspace = path.join(work, `ws-${layout}-${zipped}`.replace(/\W+/g, '-'))
        mkdirSync(workspace)
        const staged = await stageSubmission(source, zipped, workspace, TOPICS)
        expect(staged.rejected).toBeUndefined()
        expect(staged.topics).toEqual(TOPICS)
        expect(staged.files.sort()).toEqual(allFiles.map((f) => `${f.topic}/${f.name}`).sort())
        for (const f of allFiles) expect(readFileSync(path.join(workspace, f.topic, f.name))).toEqual(f.data)
      })
    }
  }

  it('a loose helper file cannot be placed and says so; a submission without exercise files is rejected with what to upload', async () => {
    const dir = path.join(work, 'loose-helper')
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'limits.ts'), readFileSync(path.join(SOLUTIONS_DIR, '01-limits', 'limits.ts')))
    writeFileSync(path.join(dir, 'helpers.ts'), 'export const x = 1\n')
    const ws = path.join(work, 'ws-loose-helper')
    mkdirSync(ws)
    const staged = await stageSubmission(dir, false, ws, TOPICS)
    expect(staged.files).toEqual(['01-limits/limits.ts'])
    expect(staged.notes.join('\n')).toMatch(/ignored helpers\.ts: loose files are placed by name/)
    const empty = path.join(work, 'nothing')
    mkdirSync(empty)
    writeFileSync(path.join(empty, 'answer.ts'), '')
    const ws2 = path.join(work, 'ws-nothing')
    mkdirSync(ws2)
    const rejected = await stageSubmission(empty, false, ws2, TOPICS)
    expect(rejected.rejected).toMatch(/no exercise files found: expected exercises\/NN-topic\/\*\.ts, NN-topic\/\*\.ts or the exercise files themselves \(limits\.ts/)
  })

  it('the manifests of every topic have a zh-TW title for every test', () => {
    for (const topic of TOPICS) for (const [id, t] of Object.entries(loadManifest(topic).tests)) expect(t.title['zh-TW'].trim(), `${topic} › ${id}`).not.toBe('')
    expect(readdirSync(EXERCISES_DIR).length).toBeGreaterThanOrEqual(TOPICS.length)
  })
})

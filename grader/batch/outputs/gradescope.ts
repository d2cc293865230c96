// <id>/gradescope.json: the student's result in Gradescope's results.json format
// (score, execution_time, output, tests[] with name, score, max_score, status, output, visibility).
//
// Hidden tests stay hidden until the due date: their entries are `after_due_date`, and everything a
// student sees before then (the top-level output, the visible tests' messages) is written from the
// visible tests alone: no total, count or message includes the hidden ones. The grade (`score`)
// and `extra_data`, which students do not see, hold the full figures for the teacher.
import type { Lang } from '../../core/lang.ts'
import type { StudentResult } from '../../core/results.ts'
import type { ScoredTest, ScoredTopic } from '../../core/scoring.ts'
import { seedNote } from '../../core/seeds.ts'
import { testDetail, testTitle } from './text.ts'

export interface GradescopeTest {
  name: string
  number: string
  score: number
  max_score: number
  status: 'passed' | 'failed'
  output: string
  output_format: 'text'
  tags: string[]
  visibility: 'visible' | 'after_due_date'
}

export interface GradescopeResults {
  score: number
  execution_time: number
  output: string
  output_format: 'text'
  visibility: 'visible'
  stdout_visibility: 'hidden'
  extra_data: Record<string, unknown>
  tests: GradescopeTest[]
}

const round = (x: number) => Math.round(x * 1000) / 1000

export function gradescopeResults(student: StudentResult, lang: Lang): GradescopeResults {
  const hiddenTests = student.score.topics.flatMap((t) => t.tests.filter((x) => x.hidden))
  const hides = (text: string) => mentionsAny(text, hiddenTests)
  const tests = student.score.topics.flatMap((topic, t) =>
    topic.tests.map((test, i): GradescopeTest => ({
      name: `${topic.topic} › ${testTitle(test, lang)}`,
      number: `${t + 1}.${i + 1}`,
      score: test.points,
      max_score: test.max,
      status: test.status === 'passed' ? 'passed' : 'failed',
      output: student.status === 'graded' ? visibleDetail(test, topic, lang, hides) : `not graded: ${student.error ?? student.status}`,
      output_format: 'text',
      tags: [topic.topic, test.id],
      // Hidden tests are not in the student release; their details wait for the due date.
      visibility: test.hidden ? 'after_due_date' : 'visible',
    })),
  )
  const visible = student.score.topics.flatMap((t) => t.tests.filter((x) => !x.hidden))
  const visibleScore = round(visible.reduce((s, x) => s + x.points, 0))
  const visibleMax = round(visible.reduce((s, x) => s + x.max, 0))
  const passed = visible.filter((x) => x.status === 'passed').length
  const summary = [
    `Visible tests: ${visibleScore}/${visibleMax} points, ${passed} of ${visible.length} tests passed.${hiddenTests.length ? ' Tests shown after the due date are not counted here.' : ''}`,
    `Graded with ${seedNote(student.seedPolicy, student.seed)}.`,
    ...(student.status === 'graded' ? [] : [`Not graded: ${student.error ?? student.status}`]),
    ...(student.status === 'graded' ? visibleTopicNotes(student.score.topics, hides) : []),
    ...notesShown(student, hides),
  ].join('\n')
  return {
    score: student.score.total,
    execution_time: Math.round(student.durationMs / 1000),
    output: summary,
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    // Stored by Gradescope, shown to nobody but the course's staff through its API.
    extra_data: {
      total: student.score.total,
      max: student.score.max,
      hidden: { score: round(hiddenTests.reduce((s, x) => s + x.points, 0)), max: round(hiddenTests.reduce((s, x) => s + x.max, 0)), tests: hiddenTests.length },
      seed: student.seed,
      seedPolicy: student.seedPolicy ?? null,
      status: student.status,
    },
    tests,
  }
}

/** Whether `text` names one of `tests` (by id or title): such text waits for the due date too. */
function mentionsAny(text: string, tests: ScoredTest[]): boolean {
  return tests.some((t) => text.includes(t.id) || (testTitle(t, 'en').length > 8 && text.includes(testTitle(t, 'en'))))
}

/** A visible test's message; a topic's reason that names a hidden test is told without it. */
function visibleDetail(test: ScoredTest, topic: ScoredTopic, lang: Lang, hides: (text: string) => boolean): string {
  if (test.hidden) return testDetail(test, topic, lang)
  const safeTopic = topic.reason && hides(topic.reason) ? { ...topic, reason: 'another test of this topic stopped the run (its details are shown after the due date)' } : topic
  return testDetail(test, safeTopic, lang)
}

/** One line per topic that did not run normally, unless it would name a hidden test. */
function visibleTopicNotes(topics: ScoredTopic[], hides: (text: string) => boolean): string[] {
  return topics
    .filter((t) => !['passed', 'partial', 'failed', 'not-started'].includes(t.status) && t.reason !== 'no files for this topic in the submission')
    .filter((t) => !(t.reason && hides(t.reason)))
    .map((t) => `${t.topic}: ${t.status}${t.reason ? ` (${t.reason.split('\n')[0]})` : ''}`)
}

/** The grader's notes for the student, except any that names a hidden test. */
function notesShown(student: StudentResult, hides: (text: string) => boolean): string[] {
  const shown = (student.diagnostics ?? []).filter((d) => !hides(d.message)).map((d) => d.message)
  return shown.length ? ['', ...shown] : []
}

// <id>/gradescope.json: the student's result in Gradescope's results.json format
// (score, execution_time, output, tests[] with name, score, max_score, status, output, visibility).
import type { Lang } from '../../harness/lang.ts'
import type { StudentResult } from '../../results.ts'
import { studentNote, testDetail, testTitle } from './text.ts'

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
  tests: GradescopeTest[]
}

export function gradescopeResults(student: StudentResult, lang: Lang): GradescopeResults {
  const tests = student.score.topics.flatMap((topic, t) =>
    topic.tests.map((test, i): GradescopeTest => ({
      name: `${topic.topic} › ${testTitle(test)}`,
      number: `${t + 1}.${i + 1}`,
      score: test.points,
      max_score: test.max,
      status: test.status === 'passed' ? 'passed' : 'failed',
      output: student.status === 'graded' ? testDetail(test, topic, lang) : `not graded: ${student.error ?? student.status}`,
      output_format: 'text',
      tags: [topic.topic, test.id],
      // Hidden tests are not in the student release; their details wait for the due date.
      visibility: test.hidden ? 'after_due_date' : 'visible',
    })),
  )
  const summary = [
    `${student.score.total}/${student.score.max} points, graded with seed ${student.seed}.`,
    ...(student.status === 'graded' ? [] : [`Not graded: ${student.error ?? student.status}`]),
    ...(studentNote(student) && student.status === 'graded' ? [studentNote(student)] : []),
    ...(student.diagnostics?.length ? ['', ...student.diagnostics] : []),
  ].join('\n')
  return {
    score: student.score.total,
    execution_time: Math.round(student.durationMs / 1000),
    output: summary,
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  }
}

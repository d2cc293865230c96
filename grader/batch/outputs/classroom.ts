// The result format GitHub Classroom's autograding reporter reads
// (classroom-resources/autograding-grading-reporter): a JSON object, base64-encoded into the
// `<RUNNER>_RESULTS` environment variable of the reporter step.
import type { Lang } from '../../harness/lang.ts'
import type { StudentResult } from '../../results.ts'
import { testDetail, testTitle } from './text.ts'

export interface ClassroomTest {
  name: string
  status: 'pass' | 'fail' | 'error'
  score: number
  max_score: number
  message: string
  line_no: number
  execution_time: string
}

export interface ClassroomResults {
  version: 1
  status: 'pass' | 'fail' | 'error'
  max_score: number
  tests: ClassroomTest[]
}

export function classroomResults(student: StudentResult, lang: Lang): ClassroomResults {
  const tests = student.score.topics.flatMap((topic) =>
    topic.tests.map((test): ClassroomTest => ({
      name: `${topic.topic} › ${testTitle(test)}`,
      // "error": the test never ran to a verdict (the topic did not load, timed out, crashed).
      status: test.status === 'passed' ? 'pass' : test.status === 'not-run' || test.status === 'timeout' ? 'error' : 'fail',
      score: test.points,
      max_score: test.max,
      message: test.status === 'passed' ? '' : student.status === 'graded' ? testDetail(test, topic, lang) : `not graded: ${student.error ?? student.status}`,
      line_no: 0,
      execution_time: `${((test.durationMs ?? 0) / 1000).toFixed(2)}s`,
    })),
  )
  const status = student.status !== 'graded' ? 'error' : student.score.total === student.score.max ? 'pass' : 'fail'
  return { version: 1, status, max_score: student.score.max, tests }
}

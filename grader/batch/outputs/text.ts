// Words for test results, shared by every output format.
import { formatFailure } from '../../core/failure.ts'
import type { Lang } from '../../core/lang.ts'
import type { ScoredTest, ScoredTopic } from '../../core/scoring.ts'
import type { StudentResult } from '../../core/results.ts'

/**
 * A test's title in `lang` (the manifest's translation, else the English title of the test file),
 * without the ` [2 pts]` that the runner shows after it.
 */
export function testTitle(test: Pick<ScoredTest, 'title' | 'titles'>, lang: Lang = 'en'): string {
  const translated = lang === 'en' ? undefined : test.titles?.[lang]
  return translated ?? test.title
}

/** What a student needs to know about a test that did not pass; empty for a pass. */
export function testDetail(test: ScoredTest, topic: ScoredTopic, lang: Lang): string {
  if (test.status === 'passed') return ''
  if (test.failure) return formatFailure(test.failure, lang)
  const hint = test.hint?.[lang] ? `\nhint: ${test.hint[lang]}` : ''
  if (test.message) return `${test.message}${hint}`
  if (test.status === 'not-run') return `not run: ${topic.reason ?? 'the topic did not finish'}`
  if (test.status === 'timeout') return `${topic.reason ?? 'this test ran past its time limit'}${hint}`
  return `${test.status}${topic.reason ? `: ${topic.reason}` : ''}${hint}`
}

/** One line on a student as a whole, for summaries. */
export function studentNote(student: StudentResult): string {
  if (student.status !== 'graded') return student.error ?? student.status
  const unusual = student.score.topics.filter((t) => !['passed', 'partial', 'failed', 'not-started'].includes(t.status) && t.reason !== 'no files for this topic in the submission')
  return unusual.map((t) => `${t.topic}: ${t.status}${t.reason ? ` (${t.reason.split('\n')[0]})` : ''}`).join('; ')
}

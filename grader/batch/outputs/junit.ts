// junit.xml: one <testsuite> per student and topic, one <testcase> per graded test, for CI tools
// that show JUnit results. Untrusted text is escaped by the XML builder; characters XML cannot hold
// at all are removed first.
import { XMLBuilder } from 'fast-xml-parser'
import type { Lang } from '../../core/lang.ts'
import type { BatchResult } from '../../core/results.ts'
import { testDetail, testTitle } from './text.ts'

type Xml = Record<string, unknown>

export function junitXml(batch: BatchResult, lang: Lang): string {
  const suites: Xml[] = []
  let tests = 0
  let failures = 0
  let errors = 0
  let skipped = 0
  for (const student of batch.students) {
    if (student.status !== 'graded') {
      tests++
      errors++
      suites.push({
        '@_name': clean(student.id),
        '@_tests': 1,
        '@_failures': 0,
        '@_errors': 1,
        '@_skipped': 0,
        testcase: [{ '@_classname': clean(student.id), '@_name': 'submission', error: { '@_message': clean(student.error ?? student.status), '#text': clean(student.error ?? student.status) } }],
      })
      continue
    }
    for (const topic of student.score.topics) {
      const cases = topic.tests.map((test): Xml => {
        const base: Xml = { '@_classname': clean(`${student.id}.${topic.topic}`), '@_name': clean(`${test.id}: ${testTitle(test)}`), '@_time': ((test.durationMs ?? 0) / 1000).toFixed(3) }
        const detail = clean(testDetail(test, topic, lang))
        const message = clean(detail.split('\n')[0] ?? '')
        switch (test.status) {
          case 'passed':
            return base
          case 'not-run':
            skipped++
            return { ...base, skipped: { '@_message': message } }
          case 'error':
          case 'timeout':
            errors++
            return { ...base, error: { '@_message': message, '@_type': test.status, '#text': detail } }
          default:
            failures++
            return { ...base, failure: { '@_message': message, '@_type': test.status, '#text': detail } }
        }
      })
      tests += cases.length
      suites.push({
        '@_name': clean(`${student.id} › ${topic.topic}`),
        '@_tests': cases.length,
        '@_failures': cases.filter((c) => c.failure).length,
        '@_errors': cases.filter((c) => c.error).length,
        '@_skipped': cases.filter((c) => c.skipped).length,
        properties: { property: [{ '@_name': 'score', '@_value': topic.score }, { '@_name': 'max', '@_value': topic.max }, { '@_name': 'status', '@_value': topic.status }, { '@_name': 'seed', '@_value': student.seed }] },
        testcase: cases,
      })
    }
  }
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true })
  const body = builder.build({
    testsuites: { '@_name': `course grading (${batch.seedPolicy?.kind === 'secret' ? `seeds from the course secret ${batch.seedPolicy.fingerprint}` : `seed ${batch.seed}`}, course ${batch.courseVersion})`, '@_tests': tests, '@_failures': failures, '@_errors': errors, '@_skipped': skipped, testsuite: suites },
  }) as string
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`
}

/** Removes what XML 1.0 cannot represent (most control characters, lone surrogates). */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
}

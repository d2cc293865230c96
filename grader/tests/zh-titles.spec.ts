// Test titles follow COURSE_LANG: the manifests' zh-TW titles in the progress table, the reports and
// every output format; the English title (the test file's) otherwise.
import { describe, expect, it } from 'vitest'
import { classroomResults } from '../batch/outputs/classroom.ts'
import { gradescopeResults } from '../batch/outputs/gradescope.ts'
import { loadManifest, topicsIn } from '../core/manifest.ts'
import { renderStudentReport } from '../report/index.ts'
import { progressTable } from '../vitest/progress-reporter.ts'
import type { StudentResult } from '../core/results.ts'
import { scoreRun } from '../core/scoring.ts'

/** Every topic scored from a run in which each test reported its English title and failed. */
function failingEverywhere(): StudentResult {
  const run = {
    topics: topicsIn().map((topic) => ({
      topic,
      state: 'failed',
      errors: [],
      tests: Object.keys(loadManifest(topic).tests).map((id) => ({ id, title: `english title of ${id}`, state: 'failed' as const, outcome: 'failed' as const, errors: ['wrong'] })),
    })),
    unhandledErrors: [],
    watchdog: [],
    durationMs: 0,
  }
  const score = scoreRun(run)
  return { id: 'amy', source: 'amy', status: 'graded', score, seed: 1, seedPolicy: { kind: 'fixed' }, durationMs: 1, hash: 'x' }
}

describe('test titles in zh-TW', () => {
  const amy = failingEverywhere()
  const first = amy.score.topics[0]!.tests[0]!
  const zh = loadManifest(amy.score.topics[0]!.topic).tests[first.id]!.title['zh-TW']

  it('the progress table names the first failure by its zh-TW title under zh-TW, by the English one otherwise', () => {
    const zhTable = progressTable(amy.score.topics, 'zh-TW', 1).join('\n')
    expect(zhTable).toContain(zh)
    expect(zhTable).not.toContain(`english title of ${first.id}`)
    expect(progressTable(amy.score.topics, 'en', 1).join('\n')).toContain(`english title of ${first.id} [${first.max} pts]`)
  })

  it('the student report, Gradescope and Classroom show every zh-TW title', async () => {
    const html = await renderStudentReport(amy, { lang: 'zh-TW' })
    const gradescope = gradescopeResults(amy, 'zh-TW')
    // The titles as the page shows them (HTML entities decoded).
    const decode = (text: string) => text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot);/gi, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[e.toLowerCase()]!))
    const shownTitles = [...html.matchAll(/class="test-title">([^<]*)</g)].map((m) => decode(m[1]!))
    for (const topic of amy.score.topics) {
      for (const test of topic.tests) {
        const title = loadManifest(topic.topic).tests[test.id]!.title['zh-TW']
        expect(gradescope.tests.find((t) => t.tags.includes(test.id))!.name).toBe(`${topic.topic} › ${title}`)
        expect(shownTitles).toContain(title)
      }
    }
    expect(html).not.toContain('english title of')
    expect(classroomResults(amy, 'zh-TW').tests[0]!.message).toContain(zh)
  })
})

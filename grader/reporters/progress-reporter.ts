// What a student sees after vitest's own output: one line per topic (tests passed, points), then
// for each unfinished topic its first failure with the counterexample, expected vs received and
// the hint. A topic still at its stub just says "not started".
import type { Reporter, SerializedError, TestModule } from 'vitest/node'
import { formatFailure } from '../harness/graded.ts'
import { currentLang, type Lang } from '../harness/lang.ts'
import { baseSeed } from '../harness/seed.ts'
import { type ScoredTopic, scoreRun } from '../scoring.ts'
import { collectRun } from './raw-results.ts'

const useColor = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code: number) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text)
const green = paint(32)
const red = paint(31)
const yellow = paint(33)
const dim = paint(2)
const bold = paint(1)

const WORDS = {
  en: { title: 'Your progress', seed: 'seed', tests: 'tests', pts: 'pts', total: 'Total', firstFailure: 'First failure in', notStarted: 'not started', notRun: 'topics not run this time' },
  'zh-TW': { title: '你的進度', seed: '亂數種子', tests: '項測試', pts: '分', total: '總計', firstFailure: '第一個未通過的測試:', notStarted: '尚未開始', notRun: '個主題這次沒有執行' },
} satisfies Record<Lang, Record<string, string>>

const STATUS_TEXT: Record<ScoredTopic['status'], Record<Lang, string>> = {
  passed: { en: 'done', 'zh-TW': '完成' },
  partial: { en: 'in progress', 'zh-TW': '進行中' },
  failed: { en: 'failing', 'zh-TW': '未通過' },
  'not-started': { en: 'not started', 'zh-TW': '尚未開始' },
  'timed-out': { en: 'too slow or an infinite loop', 'zh-TW': '太慢或無窮迴圈' },
  crashed: { en: 'crashed', 'zh-TW': '當掉了' },
  'forbidden-import': { en: 'forbidden import', 'zh-TW': '不允許的 import' },
  'load-error': { en: 'does not load', 'zh-TW': '無法載入' },
  'not-run': { en: 'not run', 'zh-TW': '未執行' },
}

export class ProgressReporter implements Reporter {
  constructor(private readonly options: { diagnosticsFile?: string } = {}) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    const run = collectRun(modules, unhandled, this.options.diagnosticsFile, 0)
    const ran = run.topics.map((t) => t.topic)
    if (ran.length === 0) return
    const lang = currentLang()
    const w = WORDS[lang]
    // Tests a name filter (`-t`) skipped did not run: leave them out rather than call the topic crashed.
    const skipped = new Set(run.topics.flatMap((t) => t.tests.filter((x) => x.state === 'skipped').map((x) => `${t.topic}/${x.id}`)))
    const score = scoreRun(run, { topics: [...new Set(ran)].sort(), include: (topic, id) => !skipped.has(`${topic}/${id}`) })
    const lines = ['', bold(` ${w.title}`) + dim(`  (${w.seed} ${baseSeed()})`)]
    const nameWidth = Math.max(...score.topics.map((t) => t.topic.length))
    for (const topic of score.topics) {
      const passed = topic.tests.filter((t) => t.status === 'passed').length
      const mark = topic.status === 'passed' ? green('✓') : topic.status === 'not-started' ? dim('·') : topic.status === 'partial' ? yellow('◐') : red('✗')
      const counts = `${passed}/${topic.tests.length} ${w.tests}`.padEnd(14)
      const points = `${topic.score}/${topic.max} ${w.pts}`.padStart(12)
      lines.push(`  ${mark} ${topic.topic.padEnd(nameWidth)}  ${counts}${points}   ${dim(STATUS_TEXT[topic.status][lang])}`)
    }
    lines.push(`    ${w.total.padEnd(nameWidth + 16)}${`${score.total}/${score.max} ${w.pts}`.padStart(12)}`)
    for (const topic of score.topics) {
      if (topic.status === 'passed' || topic.status === 'not-started') continue
      const first = topic.tests.find((t) => t.status !== 'passed')
      lines.push('', bold(` ${w.firstFailure} ${topic.topic}`) + (first ? `: ${first.title}` : ''))
      const detail = topic.reason && topic.status !== 'partial' && topic.status !== 'failed'
        ? topic.reason
        : first?.failure ? formatFailure(first.failure, lang) : first?.message ?? topic.reason ?? ''
      lines.push(detail.split('\n').map((l) => `   ${l}`).join('\n'))
    }
    process.stdout.write(`${lines.join('\n')}\n\n`)
  }
}

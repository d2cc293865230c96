// What a student sees at the end of `npm test` (and after each re-run of `npm run watch`, for the
// topics it re-ran): one line per topic (tests passed, points), then for each started, unfinished
// topic its first real failure (a wrong answer before a function still to write) with the
// counterexample, expected vs received and the hint, cut to a few lines. A topic still at its stub
// just says "not started". It fits on one screen; `npm test -- --full` adds vitest's own output.
import type { UserConsoleLog } from 'vitest'
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node'
import { formatFailure } from '../harness/graded.ts'
import { currentLang, type Lang } from '../harness/lang.ts'
import { baseSeed } from '../harness/seed.ts'
import { type ScoredTest, type ScoredTopic, scoreRun } from '../scoring.ts'
import { collectRun } from './raw-results.ts'

const useColor = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code: number) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text)
const green = paint(32)
const red = paint(31)
const yellow = paint(33)
const dim = paint(2)
const bold = paint(1)

const WORDS = {
  en: {
    title: 'Your progress', seed: 'seed', tests: 'tests', pts: 'pts', total: 'Total', firstFailure: 'First failure in', notStarted: 'not started', notRun: 'topics not run this time',
    more: '… {n} more lines: npm test -- {topic} --full', full: 'Every failure with its details: npm test -- --full', watching: 'Watching your files: save one to re-run its topic (q to quit, h for help).',
    running: 'running', console: 'console output of your code', consoleMore: '… more console output: npm test -- --full',
  },
  'zh-TW': {
    title: '你的進度', seed: '亂數種子', tests: '項測試', pts: '分', total: '總計', firstFailure: '第一個未通過的測試:', notStarted: '尚未開始', notRun: '個主題這次沒有執行',
    more: '… 還有 {n} 行:npm test -- {topic} --full', full: '每個未通過測試的細節:npm test -- --full', watching: '正在監看你的檔案:儲存檔案就會重跑它的主題(q 結束,h 說明)。',
    running: '執行中', console: '你的程式的 console 輸出', consoleMore: '… 更多 console 輸出:npm test -- --full',
  },
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

/** Lines of one failure's details, and characters of one line, in the table's view. */
export const DETAIL_LINES = 9
export const LINE_CHARS = 240
/** Lines of the exercise code's console output shown per run. */
const CONSOLE_LINES = 40

/** A wrong answer, an exception, a time-out or a crash outranks a function not written yet. */
const REAL_FAILURE: ScoredTest['status'][] = ['failed', 'error', 'timeout', 'crashed', 'load-error']

/** The failure to show for a topic: its first real one, else its first failing test. */
export function firstFailure(topic: ScoredTopic): ScoredTest | undefined {
  return topic.tests.find((t) => REAL_FAILURE.includes(t.status)) ?? topic.tests.find((t) => t.status !== 'passed')
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

export class ProgressReporter implements Reporter {
  private watch = false
  private consoleLines = 0
  private live = false
  constructor(private readonly options: { diagnosticsFile?: string; out?: NodeJS.WritableStream } = {}) {}

  private get out(): NodeJS.WritableStream {
    return this.options.out ?? process.stdout
  }

  onInit(vitest: Vitest): void {
    this.watch = !!vitest.config.watch
  }

  onTestRunStart(): void {
    this.consoleLines = 0
  }

  /** On a terminal, one line that says which topic is running, replaced as the run goes. */
  onTestModuleStart(module: TestModule): void {
    if (!(this.out as { isTTY?: boolean }).isTTY || process.env.COURSE_FULL_OUTPUT === '1') return
    const topic = module.moduleId.split('/').at(-2) ?? ''
    this.out.write(`\x1b[2K\r${dim(`${WORDS[currentLang()].running} ${topic} …`)}`)
    this.live = true
  }

  /** The exercise code's own console output (students debug with it), capped per run. */
  onUserConsoleLog(log: UserConsoleLog): void {
    if (process.env.COURSE_FULL_OUTPUT === '1') return // vitest's own reporter prints it
    this.clearLive()
    const lines = log.content.replace(/\n$/, '').split('\n')
    const room = CONSOLE_LINES - this.consoleLines
    if (room <= 0) return
    if (this.consoleLines === 0) this.out.write(`${dim(`── ${WORDS[currentLang()].console}`)}\n`)
    this.out.write(`${lines.slice(0, room).map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS - 1)}…` : l)).join('\n')}\n`)
    this.consoleLines += lines.length
    if (this.consoleLines >= CONSOLE_LINES) this.out.write(`${dim(WORDS[currentLang()].consoleMore)}\n`)
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    this.clearLive()
    const run = collectRun(modules, unhandled, this.options.diagnosticsFile, 0)
    const ran = run.topics.map((t) => t.topic)
    if (ran.length === 0) return
    const lang = currentLang()
    // Tests a name filter (`-t`) skipped did not run: leave them out rather than call the topic crashed.
    const skipped = new Set(run.topics.flatMap((t) => t.tests.filter((x) => x.state === 'skipped').map((x) => `${t.topic}/${x.id}`)))
    const score = scoreRun(run, { topics: [...new Set(ran)].sort(), include: (topic, id) => !skipped.has(`${topic}/${id}`) })
    this.out.write(`${progressTable(score.topics, lang, baseSeed()).join('\n')}\n${this.watch ? `\n${dim(WORDS[lang].watching)}\n` : ''}\n`)
  }

  private clearLive(): void {
    if (this.live) this.out.write('\x1b[2K\r')
    this.live = false
  }
}

/** The table and the first failures, as lines (no trailing newline). */
export function progressTable(topics: ScoredTopic[], lang: Lang, seed: number): string[] {
  const w = WORDS[lang]
  const lines = ['', bold(` ${w.title}`) + dim(`  (${w.seed} ${seed})`)]
  const nameWidth = Math.max(...topics.map((t) => t.topic.length))
  for (const topic of topics) {
    const passed = topic.tests.filter((t) => t.status === 'passed').length
    const mark = topic.status === 'passed' ? green('✓') : topic.status === 'not-started' ? dim('·') : topic.status === 'partial' ? yellow('◐') : red('✗')
    const counts = `${passed}/${topic.tests.length} ${w.tests}`.padEnd(14)
    const points = `${topic.score}/${topic.max} ${w.pts}`.padStart(12)
    lines.push(`  ${mark} ${topic.topic.padEnd(nameWidth)}  ${counts}${points}   ${dim(STATUS_TEXT[topic.status][lang])}`)
  }
  const total = topics.reduce((s, t) => s + t.score, 0)
  const max = topics.reduce((s, t) => s + t.max, 0)
  lines.push(`    ${w.total.padEnd(nameWidth + 16)}${`${Math.round(total * 1000) / 1000}/${Math.round(max * 1000) / 1000} ${w.pts}`.padStart(12)}`)
  let shown = 0
  for (const topic of topics) {
    if (topic.status === 'passed' || topic.status === 'not-started') continue
    const first = firstFailure(topic)
    const title = first ? `: ${(lang !== 'en' ? first.titles?.[lang] : undefined) ?? first.title.replace(/\s*\[\d+(\.\d+)? pts?\]$/, '')} [${first.max} ${w.pts}]` : ''
    lines.push('', bold(` ${w.firstFailure} ${topic.topic}`) + title)
    const detail = topic.reason && topic.status !== 'partial' && topic.status !== 'failed'
      ? topic.reason
      : first?.failure
        ? first.failure.outcome === 'not-implemented' ? first.failure.summary : formatFailure(first.failure, lang)
        : first?.message ?? topic.reason ?? ''
    const all = detail.split('\n').map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS - 1)}…` : l))
    // Too long: the start (what is wrong, the counterexample) and the end (the seed and the hint).
    if (all.length <= DETAIL_LINES) lines.push(...all.map((l) => `   ${l}`))
    else {
      const tail = first?.failure && first.failure.outcome !== 'not-implemented' ? 2 : 0
      lines.push(...all.slice(0, DETAIL_LINES - tail).map((l) => `   ${l}`))
      lines.push(dim(`   ${fill(w.more, { n: all.length - DETAIL_LINES, topic: topic.topic.slice(0, 2) })}`))
      lines.push(...all.slice(all.length - tail).map((l) => `   ${l}`))
    }
    shown++
  }
  if (shown) lines.push('', dim(` ${w.full}`))
  return lines
}

// What a student sees at the end of `npm test` (and after each re-run of `npm run watch`, for the
// topics it re-ran): one line per topic (tests passed, points), then for each started, unfinished
// topic its first real failure (a wrong answer before a function still to write) with the
// counterexample, expected vs received and the hint, cut to a few lines. A topic still at its stub
// just says "not started". It fits on one screen; `npm test -- --full` adds vitest's own output.
import type { UserConsoleLog } from 'vitest'
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node'
import { formatFailure } from '../core/failure.ts'
import { t, topicStatusLabel } from '../core/i18n.ts'
import { currentLang, type Lang } from '../core/lang.ts'
import { baseSeed } from '../core/test-seed.ts'
import { type ScoredTest, type ScoredTopic, scoreRun } from '../core/scoring.ts'
import { collectRun } from './collect-run.ts'
import { readSetting } from '../core/settings.ts'

const useColor = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code: number) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text)
const green = paint(32)
const red = paint(31)
const yellow = paint(33)
const dim = paint(2)
const bold = paint(1)

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
    if (!(this.out as { isTTY?: boolean }).isTTY || readSetting('fullOutput')) return
    const topic = module.moduleId.split('/').at(-2) ?? ''
    this.out.write(`\x1b[2K\r${dim(`${t(currentLang(), 'progress.running')} ${topic} …`)}`)
    this.live = true
  }

  /** The exercise code's own console output (students debug with it), capped per run. */
  onUserConsoleLog(log: UserConsoleLog): void {
    if (readSetting('fullOutput')) return // vitest's own reporter prints it
    this.clearLive()
    const lines = log.content.replace(/\n$/, '').split('\n')
    const room = CONSOLE_LINES - this.consoleLines
    if (room <= 0) return
    if (this.consoleLines === 0) this.out.write(`${dim(`── ${t(currentLang(), 'progress.console')}`)}\n`)
    this.out.write(`${lines.slice(0, room).map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS - 1)}…` : l)).join('\n')}\n`)
    this.consoleLines += lines.length
    if (this.consoleLines >= CONSOLE_LINES) this.out.write(`${dim(t(currentLang(), 'progress.consoleMore'))}\n`)
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
    this.out.write(`${progressTable(score.topics, lang, baseSeed()).join('\n')}\n${this.watch ? `\n${dim(t(lang, 'progress.watching'))}\n` : ''}\n`)
  }

  private clearLive(): void {
    if (this.live) this.out.write('\x1b[2K\r')
    this.live = false
  }
}

/** The table and the first failures, as lines (no trailing newline). */
export function progressTable(topics: ScoredTopic[], lang: Lang, seed: number): string[] {
  const w = (key: 'title' | 'seed' | 'tests' | 'pts' | 'total' | 'firstFailure' | 'full') => t(lang, `progress.${key}`)
  const lines = ['', bold(` ${w('title')}`) + dim(`  (${w('seed')} ${seed})`)]
  const nameWidth = Math.max(...topics.map((t) => t.topic.length))
  for (const topic of topics) {
    const passed = topic.tests.filter((t) => t.status === 'passed').length
    const mark = topic.status === 'passed' ? green('✓') : topic.status === 'not-started' ? dim('·') : topic.status === 'partial' ? yellow('◐') : red('✗')
    const counts = `${passed}/${topic.tests.length} ${w('tests')}`.padEnd(14)
    const points = `${topic.score}/${topic.max} ${w('pts')}`.padStart(12)
    lines.push(`  ${mark} ${topic.topic.padEnd(nameWidth)}  ${counts}${points}   ${dim(topicStatusLabel(lang, topic.status))}`)
  }
  const total = topics.reduce((s, t) => s + t.score, 0)
  const max = topics.reduce((s, t) => s + t.max, 0)
  lines.push(`    ${w('total').padEnd(nameWidth + 16)}${`${Math.round(total * 1000) / 1000}/${Math.round(max * 1000) / 1000} ${w('pts')}`.padStart(12)}`)
  let shown = 0
  for (const topic of topics) {
    if (topic.status === 'passed' || topic.status === 'not-started') continue
    const first = firstFailure(topic)
    const title = first ? `: ${(lang !== 'en' ? first.titles?.[lang] : undefined) ?? first.title} [${first.max} ${w('pts')}]` : ''
    lines.push('', bold(` ${w('firstFailure')} ${topic.topic}`) + title)
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
      lines.push(dim(`   ${t(lang, 'progress.more', { n: all.length - DETAIL_LINES, topic: topic.topic.slice(0, 2) })}`))
      lines.push(...all.slice(all.length - tail).map((l) => `   ${l}`))
    }
    shown++
  }
  if (shown) lines.push('', dim(` ${w('full')}`))
  return lines
}

// View models: everything the templates show, computed and formatted here so that the templates
// stay dumb. Untrusted strings stay plain strings (Handlebars escapes them); only HTML made here
// (plots) or from the course's own files (lessons) is wrapped as safe.
import type { BatchResult, NoteKind, StudentResult } from '../core/results.ts'
import type { ScoredTest, ScoredTopic, TestStatus, TopicStatus } from '../core/scoring.ts'
import { renderPlot, vegaLiteSvg } from './charts.ts'
import { classStats, pointsAndShare } from '../core/class-stats.ts'
import { type Lang, formatDate, formatDuration, formatNumber, formatPercent, t, testStatusLabel, topicStatusLabel } from '../core/i18n.ts'
import { safe } from './templates.ts'
import { cleanText } from './text.ts'

export interface LessonIndex {
  /** URL of the lessons folder relative to the page, ending in `/`. */
  href: string
  /** Topic → heading id → heading text, for the lessons that exist. */
  sections: Map<string, Map<string, string>>
}

export interface ViewOptions {
  lang: Lang
  lessons?: LessonIndex
  /** Link back to the class page, relative to the student's report. */
  classHref?: string
  generatedAt: string
}

const STATUS_ICON: Record<TestStatus, string> = {
  passed: '✓', failed: '✗', 'not-implemented': '○', error: '!', timeout: '⏱', crashed: '!', 'load-error': '!', 'not-run': '–',
}
const ABNORMAL: TopicStatus[] = ['timed-out', 'crashed', 'forbidden-import', 'load-error', 'not-run', 'not-started']
const FLAGGED: TopicStatus[] = ['timed-out', 'crashed', 'forbidden-import', 'load-error']
/** Notes that flag a student on the class page. */
const FLAGGED_NOTES: NoteKind[] = ['type-error', 'type-check', 'grading']

/** An id usable in HTML ids and fragments. */
export const anchorId = (...parts: string[]) => parts.map((p) => String(p).replace(/[^A-Za-z0-9_-]+/g, '-')).join('--')

/** Removes the indentation common to all lines (the harness indents counterexamples for the terminal). */
function dedent(text: string): string {
  const lines = text.split('\n')
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length))
  return Number.isFinite(indent) && indent > 0 ? lines.map((l) => l.slice(indent)).join('\n') : text
}

/** A test's title without the ` [2 pts]` that vitest's test names carry (the report shows points itself). */
/** A test's title in `lang` (the manifest's translation, else the test file's English), without its ` [2 pts]`. */
const displayTitle = (test: Pick<ScoredTest, 'title' | 'titles' | 'id'>, lang: Lang) =>
  cleanText((lang !== 'en' ? test.titles?.[lang] : undefined) ?? test.title ?? test.id, 500)

const pct = (score: number, max: number) => (max > 0 ? score / max : 0)
const points = (lang: Lang, v: number) => formatNumber(lang, v, 2)

// ---------------------------------------------------------------------------------------------
// One student

export async function studentView(student: StudentResult, options: ViewOptions) {
  const { lang } = options
  const topics = await Promise.all((student.score?.topics ?? []).map((topic) => topicView(topic, options)))
  const total = student.score?.total ?? 0
  const max = student.score?.max ?? 0
  return {
    lang,
    pageTitle: t(lang, 'studentReportTitle', { id: cleanText(student.id, 200) }),
    id: cleanText(student.id, 200),
    source: cleanText(student.source ?? '', 500),
    rejected: student.status === 'rejected',
    error: student.error ? cleanText(student.error, 5000) : undefined,
    total: points(lang, total),
    max: points(lang, max),
    percent: formatPercent(lang, pct(total, max)),
    percentValue: Math.round(pct(total, max) * 100),
    seed: student.seed,
    seedHow: student.seedPolicy ? t(lang, `seedHow.${student.seedPolicy.kind}`) : undefined,
    backend: student.backend ? cleanText(student.backend, 200) : undefined,
    duration: formatDuration(lang, student.durationMs),
    topics,
    output: student.output ? cleanText(student.output, 20_000) : undefined,
    diagnostics: (student.diagnostics ?? []).slice(0, 200).map((d) => `${t(lang, `note.${d.kind}`)}${d.topic ? ` (${cleanText(d.topic, 100)})` : ''}: ${cleanText(d.message, 2000)}`),
    classHref: options.classHref,
    generated: t(lang, 'generated', { date: formatDate(lang, options.generatedAt) }),
  }
}

async function topicView(topic: ScoredTopic, options: ViewOptions) {
  const { lang, lessons } = options
  // What needs work comes first, in full; passed tests follow, one line each unless they carry plots.
  const all = await Promise.all(topic.tests.map((test) => testView(topic, test, options)))
  const tests = all.filter((x) => x.status !== 'passed' || x.plots.length > 0).sort((a, b) => Number(a.status === 'passed') - Number(b.status === 'passed'))
  const passed = all.filter((x) => x.status === 'passed' && x.plots.length === 0)
  const lessonSections = lessons?.sections.get(topic.topic)
  const abnormal = ABNORMAL.includes(topic.status)
  return {
    anchor: anchorId('topic', topic.topic),
    topic: topic.topic,
    title: topic.title?.[lang] ?? topic.title?.en ?? topic.topic,
    score: points(lang, topic.score),
    max: points(lang, topic.max),
    percentValue: Math.round(pct(topic.score, topic.max) * 100),
    status: topic.status,
    statusLabel: topicStatusLabel(lang, topic.status),
    why: abnormal ? t(lang, `why.${topic.status}` as Parameters<typeof t>[1]) : undefined,
    reason: topic.reason ? cleanText(topic.reason, 5000) : undefined,
    lessonHref: lessons && lessonSections ? `${lessons.href}${topic.topic}.html` : undefined,
    passedCount: topic.tests.filter((x) => x.status === 'passed').length,
    testCount: topic.tests.length,
    /** A topic nobody started, or that never ran, lists its tests folded away. */
    foldTests: topic.status === 'not-started' || topic.tests.every((x) => x.status === 'not-run'),
    tests,
    passed,
  }
}

async function testView(topic: ScoredTopic, test: ScoredTest, options: ViewOptions) {
  const { lang, lessons } = options
  const failure = test.failure
  const sections = lessons?.sections.get(topic.topic)
  const lesson = test.lesson && sections?.has(test.lesson) ? test.lesson : undefined
  const plots = await Promise.all((Array.isArray(test.plots) ? test.plots.slice(0, 12) : []).map((p) => renderPlot(p, lang)))
  const showDetails = test.status !== 'passed' && test.status !== 'not-implemented' && test.status !== 'not-run'
  const hint = test.hint?.[lang] ?? test.hint?.en ?? failure?.hint
  return {
    anchor: anchorId('test', topic.topic, test.id),
    id: test.id,
    title: displayTitle(test, lang),
    status: test.status,
    statusLabel: testStatusLabel(lang, test.status),
    icon: STATUS_ICON[test.status] ?? '?',
    points: points(lang, test.points),
    max: points(lang, test.max),
    hidden: test.hidden,
    message: failure?.summary ? cleanText(failure.summary, 5000) : test.message ? cleanText(test.message, 5000) : undefined,
    counterexample: showDetails && failure?.counterexample ? dedent(cleanText(failure.counterexample, 10_000)) : undefined,
    counterexampleLabel: failure?.shrinks !== undefined ? t(lang, 'counterexampleShrinks', { shrinks: failure.shrinks }) : t(lang, 'counterexample'),
    expected: showDetails && failure?.expected !== undefined ? cleanText(failure.expected, 5000) : undefined,
    received: showDetails && failure?.received !== undefined ? cleanText(failure.received, 5000) : undefined,
    tolerance: showDetails && failure?.tolerance !== undefined ? cleanText(failure.tolerance, 500) : undefined,
    reproduce: showDetails && failure?.reproduce ? cleanText(failure.reproduce, 500) : undefined,
    seedLine: showDetails && failure ? t(lang, 'seedLine', { seed: failure.seed, propertySeed: failure.propertySeed }) : undefined,
    hint: test.status === 'passed' ? undefined : hint ? cleanText(hint, 2000) : undefined,
    lessonHref: lesson ? `${lessons!.href}${topic.topic}.html#${lesson}` : undefined,
    lessonLabel: lesson ? t(lang, 'readLesson', { section: sections!.get(lesson)! }) : undefined,
    duration: test.durationMs !== undefined ? formatDuration(lang, test.durationMs) : undefined,
    plots: plots.map((p) => ({ kind: p.kind, title: p.title, html: safe(p.html), summary: p.summary })),
  }
}

// ---------------------------------------------------------------------------------------------
// The class

export interface ClassOptions {
  lang: Lang
  /** Student id → the report's URL relative to the class page. */
  reportHref: (id: string) => string
  lessons?: LessonIndex
  generatedAt: string
}

export async function classView(batch: BatchResult, options: ClassOptions) {
  const { lang } = options
  const students = batch.students ?? []
  const graded = students.filter((s) => s.status === 'graded')
  const topicNames = [...new Set(students.flatMap((s) => (s.score?.topics ?? []).map((x) => x.topic)))].sort()
  const topicTitle = (name: string) => {
    const found = students.flatMap((s) => s.score?.topics ?? []).find((x) => x.topic === name)
    return found?.title?.[lang] ?? found?.title?.en ?? name
  }
  const percents = graded.map((s) => pct(s.score.total, s.score.max))

  // Score histogram: ten bins of 10 % (the last one includes 100 %).
  const bins = Array.from({ length: 10 }, (_, k) => ({ start: k * 10, end: k * 10 + 10, count: 0 }))
  for (const p of percents) bins[Math.min(9, Math.floor(p * 10))]!.count++
  const histogram = graded.length
    ? await vegaLiteSvg(
        {
          width: 360, height: 180, background: 'white',
          config: { aria: false, font: 'system-ui, sans-serif', view: { stroke: null } },
          data: { values: bins },
          mark: { type: 'bar', color: '#1d4ed8', binSpacing: 1 },
          encoding: {
            x: { field: 'start', bin: { binned: true, step: 10 }, type: 'quantitative', title: t(lang, 'percentOfMax'), scale: { domain: [0, 100] } },
            x2: { field: 'end' },
            y: { field: 'count', type: 'quantitative', title: t(lang, 'numberOfStudents'), axis: { tickMinStep: 1 } },
          },
        },
        `${t(lang, 'scoreHistogram')}: ${bins.map((b) => `${b.start}–${b.end}%: ${b.count}`).join(', ')}`,
      )
    : ''

  // Per-topic means over graded students.
  const topics = topicNames.map((name) => {
    const scored = graded.map((s) => s.score.topics.find((x) => x.topic === name)).filter((x): x is ScoredTopic => !!x)
    const mean = scored.length ? scored.reduce((a, x) => a + x.score, 0) / scored.length : 0
    const max = scored[0]?.max ?? 0
    const counts = new Map<TopicStatus, number>()
    for (const x of scored) counts.set(x.status, (counts.get(x.status) ?? 0) + 1)
    return {
      topic: name,
      title: topicTitle(name),
      mean: points(lang, mean),
      max: points(lang, max),
      meanFraction: pct(mean, max),
      meanPercent: formatPercent(lang, pct(mean, max)),
      meanValue: Math.round(pct(mean, max) * 100),
      fullMarks: scored.filter((x) => x.status === 'passed').length,
      n: scored.length,
      statuses: [...counts.entries()].filter(([s]) => s !== 'passed' && s !== 'partial' && s !== 'failed').map(([s, c]) => `${topicStatusLabel(lang, s)} ${c}`).join(' · '),
    }
  })
  const topicMeans = topics.length && graded.length
    ? await vegaLiteSvg(
        {
          width: 360, height: { step: 22 }, background: 'white',
          config: { aria: false, font: 'system-ui, sans-serif', view: { stroke: null } },
          data: { values: topics.map((x) => ({ topic: x.topic, mean: Math.round(x.meanFraction * 1000) / 10 })) },
          mark: { type: 'bar', color: '#1d4ed8' },
          encoding: {
            y: { field: 'topic', type: 'nominal', sort: null, title: null },
            x: { field: 'mean', type: 'quantitative', title: t(lang, 'meanPercent'), scale: { domain: [0, 100] } },
          },
        },
        `${t(lang, 'topicMeans')}: ${topics.map((x) => `${x.topic} ${x.meanPercent}`).join(', ')}`,
      )
    : ''

  // Every test's pass rate, hardest first.
  const testStats = new Map<string, { topic: string; id: string; title: string; passed: number; n: number; outcomes: Map<TestStatus, number> }>()
  for (const s of graded) {
    for (const topic of s.score.topics) {
      for (const test of topic.tests) {
        const key = `${topic.topic}\u0000${test.id}`
        const entry = testStats.get(key) ?? { topic: topic.topic, id: test.id, title: displayTitle(test, lang), passed: 0, n: 0, outcomes: new Map() }
        entry.n++
        if (test.status === 'passed') entry.passed++
        else entry.outcomes.set(test.status, (entry.outcomes.get(test.status) ?? 0) + 1)
        testStats.set(key, entry)
      }
    }
  }
  const tests = [...testStats.values()]
    .sort((a, b) => a.passed / a.n - b.passed / b.n || a.topic.localeCompare(b.topic) || a.id.localeCompare(b.id))
    .map((x) => ({
      topic: x.topic,
      id: x.id,
      title: x.title,
      passRate: formatPercent(lang, x.passed / x.n),
      passValue: Math.round((x.passed / x.n) * 100),
      counts: `${x.passed} / ${x.n}`,
      outcomes: [...x.outcomes.entries()].map(([status, c]) => `${testStatusLabel(lang, status)} ${c}`).join(' · '),
    }))

  // The students table and the flags.
  const flags: { student: string; href: string; flag: string; topic: string; reason: string }[] = []
  const rows = [...students].sort((a, b) => String(a.id).localeCompare(String(b.id))).map((s) => {
    const href = options.reportHref(s.id)
    const id = cleanText(s.id, 200)
    const studentFlags: string[] = []
    if (s.status === 'rejected') {
      studentFlags.push(t(lang, 'flag.rejected'))
      flags.push({ student: id, href, flag: t(lang, 'flag.rejected'), topic: '', reason: cleanText(s.error ?? '', 300) })
    }
    for (const topic of s.score?.topics ?? []) {
      if (FLAGGED.includes(topic.status)) {
        studentFlags.push(`${topic.topic.slice(0, 2)}: ${topicStatusLabel(lang, topic.status)}`)
        flags.push({ student: id, href, flag: topicStatusLabel(lang, topic.status), topic: topic.topic, reason: cleanText(topic.reason ?? '', 300) })
      }
    }
    // Notes are flagged by kind: a renamed submission or a stub standing in for a missing file is not a problem.
    for (const kind of FLAGGED_NOTES) {
      const notes = (s.diagnostics ?? []).filter((d) => d.kind === kind)
      if (!notes.length) continue
      const topics = [...new Set(notes.flatMap((d) => (d.topic ? [cleanText(d.topic, 100)] : [])))]
      studentFlags.push(t(lang, `note.${kind}`))
      flags.push({ student: id, href, flag: t(lang, `note.${kind}`), topic: topics.join(', '), reason: cleanText(notes[0]!.message, 300) })
    }
    const total = s.score?.total ?? 0
    const max = s.score?.max ?? 0
    return {
      id,
      href,
      rejected: s.status === 'rejected',
      total: points(lang, total),
      totalValue: total,
      percent: formatPercent(lang, pct(total, max)),
      percentValue: pct(total, max),
      topics: topicNames.map((name) => {
        const x = s.score?.topics?.find((y) => y.topic === name)
        return x
          ? { score: points(lang, x.score), value: x.score, status: x.status, statusLabel: topicStatusLabel(lang, x.status), abnormal: FLAGGED.includes(x.status) }
          : { score: '–', value: -1, status: 'not-run', statusLabel: topicStatusLabel(lang, 'not-run'), abnormal: false }
      }),
      flags: studentFlags.join(', '),
      duration: formatDuration(lang, s.durationMs),
      durationValue: s.durationMs,
    }
  })

  // The same figure as summary.md's: the median total in points over the graded students.
  const stats = classStats({ ...batch, students })
  return {
    lang,
    pageTitle: t(lang, 'classPageTitle'),
    courseVersion: cleanText(batch.courseVersion ?? '', 200),
    seed: batch.seedPolicy?.kind === 'secret' ? t(lang, 'seedPerStudent', { fingerprint: batch.seedPolicy.fingerprint }) : batch.seedPolicy?.kind === 'random' ? t(lang, 'seedRandom', { seed: batch.seed }) : batch.seed,
    startedAt: formatDate(lang, batch.startedAt),
    finishedAt: formatDate(lang, batch.finishedAt),
    count: students.length,
    graded: graded.length,
    rejected: students.length - graded.length,
    mean: formatPercent(lang, percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : 0),
    median: stats.graded ? pointsAndShare(stats.median, stats.max, (f) => formatPercent(lang, f)) : '–',
    histogram: safe(histogram),
    topicMeans: safe(topicMeans),
    topics,
    topicColumns: topicNames.map((name) => ({ topic: name, short: name.slice(0, 2), title: topicTitle(name) })),
    tests,
    students: rows,
    flags,
    lessons: options.lessons
      ? [...options.lessons.sections.keys()].sort().map((topic) => ({ topic, href: `${options.lessons!.href}${topic}.html` }))
      : [],
    generated: t(lang, 'generated', { date: formatDate(lang, options.generatedAt) }),
  }
}

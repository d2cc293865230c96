// summary.md: the batch at a glance, for $GITHUB_STEP_SUMMARY or a teacher's terminal.
import type { Lang } from '../../core/lang.ts'
import type { BatchResult, StudentResult } from '../../core/results.ts'
import { STATUS_WORDS, batchTopics } from './grades-csv.ts'
import { seedNote } from '../../core/seeds.ts'
import { classStats, pointsAndShare } from '../../core/class-stats.ts'
import { studentNote, testDetail, testTitle } from './text.ts'

/** GitHub cuts a step summary at 1 MiB; the table stops well before. */
const MAX_ROWS = 2000

export function summaryMarkdown(batch: BatchResult): string {
  const topics = batchTopics(batch)
  const stats = classStats(batch)
  const counts = Object.entries(STATUS_WORDS)
    .map(([status, word]) => [word, batch.students.filter((s) => s.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${n} ${word}`)
  const lines = [
    `## Grades: ${batch.students.length} students`,
    '',
    `${seedsLine(batch)} · course version \`${batch.courseVersion}\` · ${counts.join(', ') || 'nobody'}`,
  ]
  if (stats.graded) {
    lines.push('', `Median ${pointsAndShare(stats.median, stats.max, percent)}, full marks ${stats.fullMarks} (over the ${stats.graded} graded).`)
  }
  if (batch.sandbox) lines.push('', `Student code ran in: ${md(batch.sandbox.description, 400)}.`)
  if (batch.sandbox?.warning) lines.push('', `> **Warning:** ${md(batch.sandbox.warning, 400)}`)
  lines.push('', `| student | status | total | ${topics.join(' | ')} | seed | notes |`, `| --- | --- | ---: | ${topics.map(() => '---:').join(' | ')} | ---: | --- |`)
  for (const student of batch.students.slice(0, MAX_ROWS)) {
    const byTopic = new Map(student.score.topics.map((t) => [t.topic, t]))
    const cells = topics.map((t) => {
      const topic = byTopic.get(t)
      return topic ? `${topic.score}/${topic.max}` : '–'
    })
    lines.push(`| ${md(student.id)} | ${STATUS_WORDS[student.status]} | ${student.score.total}/${student.score.max} | ${cells.join(' | ')} | ${student.seed} | ${md(studentNote(student), 200)} |`)
  }
  if (batch.students.length > MAX_ROWS) lines.push('', `… ${batch.students.length - MAX_ROWS} more in grades.csv.`)
  if (batch.skipped?.length) {
    lines.push('', '### Not graded: entries of the submissions folder that are not submissions', '')
    for (const line of batch.skipped.slice(0, 200)) lines.push(`- ${md(line, 300)}`)
    if (batch.skipped.length > 200) lines.push(`- … ${batch.skipped.length - 200} more in results.json`)
  }
  const incidents = batch.students.filter((s) => s.diagnostics?.length)
  if (incidents.length) {
    lines.push('', '### Diagnostics', '')
    for (const student of incidents.slice(0, 200)) {
      lines.push(`- **${md(student.id)}**: ${student.diagnostics!.slice(0, 5).map((d) => md(d.message, 300)).join('; ')}${student.diagnostics!.length > 5 ? `; … ${student.diagnostics!.length - 5} more in results.json` : ''}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** The share as the class page writes it (`en`): "11%". */
export const percent = (fraction: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(fraction)

/** How the batch's seeds were chosen, in one line. */
function seedsLine(batch: BatchResult): string {
  switch (batch.seedPolicy?.kind) {
    case 'secret':
      return `Seeds: one per student, from the course secret (fingerprint \`${batch.seedPolicy.fingerprint}\`) and their id`
    case 'fixed':
      return `Seed \`${batch.seed}\` for everyone (--seed)`
    case 'random':
      return `Seed \`${batch.seed}\` for everyone, drawn at random: no course secret is set (COURSE\\_SECRET), so a regrade reproduces these grades only with \`--seed ${batch.seed}\``
    default:
      return `Seed \`${batch.seed}\``
  }
}

/** Untrusted text made inert in a Markdown table cell: one line, no markup, no HTML. */
export function md(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
  return short.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
}

/**
 * One student's summary (`npm run report -- --summary`, the Classroom run page): points per topic,
 * the seed and how it was chosen, and each unfinished topic's first real failure.
 */
export function studentSummaryMarkdown(student: StudentResult, lang: Lang): string {
  const lines = [`## ${student.score.total}/${student.score.max} points`, '', `Graded with ${md(seedNote(student.seedPolicy, student.seed), 400)}.`]
  if (student.status !== 'graded') lines.push('', `**Not graded:** ${md(student.error ?? student.status, 600)}`)
  lines.push('', '| topic | tests passed | points | status |', '| --- | ---: | ---: | --- |')
  for (const topic of student.score.topics) {
    const passed = topic.tests.filter((t) => t.status === 'passed').length
    lines.push(`| ${md(`${topic.topic} · ${topic.title[lang] ?? topic.title.en}`)} | ${passed}/${topic.tests.length} | ${topic.score}/${topic.max} | ${topic.status} |`)
  }
  for (const topic of student.score.topics) {
    if (topic.status === 'passed' || topic.status === 'not-started' || student.status !== 'graded') continue
    const first = topic.tests.find((t) => ['failed', 'error', 'tampered', 'timeout'].includes(t.status)) ?? topic.tests.find((t) => t.status !== 'passed')
    if (!first) continue
    // A fenced block holds the untrusted detail; a fence inside it is broken up so it cannot close the block.
    const detail = testDetail(first, topic, lang).slice(0, 2000).replace(/`{3,}/g, (f) => f.split('').join('\u200b'))
    lines.push('', `**First failure in ${md(topic.topic)}:** ${md(testTitle(first, lang), 300)}`, '', '```text', detail, '```')
  }
  return `${lines.join('\n')}\n`
}

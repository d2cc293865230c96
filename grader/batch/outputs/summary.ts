// summary.md: the batch at a glance, for $GITHUB_STEP_SUMMARY or a teacher's terminal.
import type { BatchResult } from '../../results.ts'
import { batchTopics } from './grades-csv.ts'
import { studentNote } from './text.ts'

/** GitHub cuts a step summary at 1 MiB; the table stops well before. */
const MAX_ROWS = 2000

export function summaryMarkdown(batch: BatchResult): string {
  const topics = batchTopics(batch)
  const graded = batch.students.filter((s) => s.status === 'graded')
  const lines = [
    `## Grades: ${batch.students.length} submissions`,
    '',
    `Seed \`${batch.seed}\` · course version \`${batch.courseVersion}\` · ${graded.length} graded, ${batch.students.length - graded.length} not graded`,
  ]
  if (graded.length) {
    const totals = graded.map((s) => s.score.total).sort((a, b) => a - b)
    const max = graded[0]!.score.max
    lines.push(`Median ${totals[Math.floor((totals.length - 1) / 2)]}/${max}, full marks ${graded.filter((s) => s.score.total === s.score.max).length}.`)
  }
  if (batch.sandbox) lines.push('', `Student code ran in: ${md(batch.sandbox.description, 400)}.`)
  if (batch.sandbox?.warning) lines.push('', `> **Warning:** ${md(batch.sandbox.warning, 400)}`)
  lines.push('', `| student | total | ${topics.join(' | ')} | notes |`, `| --- | ---: | ${topics.map(() => '---:').join(' | ')} | --- |`)
  for (const student of batch.students.slice(0, MAX_ROWS)) {
    const byTopic = new Map(student.score.topics.map((t) => [t.topic, t]))
    const cells = topics.map((t) => {
      const topic = byTopic.get(t)
      return topic ? `${topic.score}/${topic.max}` : '–'
    })
    lines.push(`| ${md(student.id)} | ${student.score.total}/${student.score.max} | ${cells.join(' | ')} | ${md(studentNote(student), 200)} |`)
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
      lines.push(`- **${md(student.id)}**: ${student.diagnostics!.slice(0, 5).map((d) => md(d, 300)).join('; ')}${student.diagnostics!.length > 5 ? `; … ${student.diagnostics!.length - 5} more in results.json` : ''}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** Untrusted text made inert in a Markdown table cell: one line, no markup, no HTML. */
export function md(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
  return short.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
}

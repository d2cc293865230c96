// grades.csv: `id,total,max,` then one column per topic folder, one row per student.
import type { BatchResult } from '../../results.ts'

export function gradesCsv(batch: BatchResult): string {
  const topics = batchTopics(batch)
  const rows = [['id', 'total', 'max', ...topics]]
  for (const student of batch.students) {
    const byTopic = new Map(student.score.topics.map((t) => [t.topic, t.score]))
    rows.push([student.id, String(student.score.total), String(student.score.max), ...topics.map((t) => String(byTopic.get(t) ?? 0))])
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n'
}

/** The batch's topic columns: as recorded, else every topic any student was scored on. */
export function batchTopics(batch: BatchResult): string[] {
  return batch.topics ?? [...new Set(batch.students.flatMap((s) => s.score.topics.map((t) => t.topic)))].sort()
}

/** Quoted when needed; a leading = + - @ is defused so that a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

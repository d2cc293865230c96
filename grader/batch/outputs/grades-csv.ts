// grades.csv: `id,status,total,max,seed,` then one column per topic folder, one row per student.
// `status` tells a real zero from a submission that was never graded: graded, rejected (the
// submission could not be read or held no exercise file), not submitted (on the roster, nothing
// handed in), failed to grade (the grader's own failure; run the batch again).
//
// gradebook.csv: the same totals in the layout Canvas imports into a gradebook column and Moodle's
// "Import grades from CSV" maps (one identifying column, one grade column): see gradebookCsv.
import type { BatchResult, RosterEntry, StudentResult } from '../../core/results.ts'

export const STATUS_WORDS: Record<StudentResult['status'], string> = {
  graded: 'graded',
  rejected: 'rejected',
  'not-submitted': 'not submitted',
  error: 'failed to grade',
}

export function gradesCsv(batch: BatchResult): string {
  const topics = batchTopics(batch)
  const rows = [['id', 'status', 'total', 'max', 'seed', ...topics]]
  for (const student of batch.students) {
    const byTopic = new Map(student.score.topics.map((t) => [t.topic, t.score]))
    rows.push([student.id, STATUS_WORDS[student.status], String(student.score.total), String(student.score.max), String(student.seed), ...topics.map((t) => String(byTopic.get(t) ?? 0))])
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n'
}

/**
 * gradebook.csv, one row per student: `Student,ID,SIS User ID,SIS Login ID,Section,<assignment>`.
 * Canvas matches a row by its ID, SIS User ID or SIS Login ID and creates the assignment column
 * if it is new; Moodle maps any of these columns to a user field and the last one to a grade item.
 * Without a roster entry, the submission's id stands as the student's name and SIS Login ID. The
 * grade is the total for graded and rejected submissions (a rejected submission is a real 0), and
 * empty for "not submitted" and "failed to grade", so that an import never turns them into zeros.
 */
export function gradebookCsv(batch: BatchResult, options: { assignment: string; roster?: RosterEntry[] }): string {
  const byId = new Map((options.roster ?? []).map((r) => [r.id, r]))
  const rows = [['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', options.assignment]]
  for (const student of batch.students) {
    const r = byId.get(student.id)
    const grade = student.status === 'graded' || student.status === 'rejected' ? String(student.score.total) : ''
    rows.push([r?.name ?? student.id, r?.lmsId ?? '', r?.sisUserId ?? '', r?.login ?? (r ? '' : student.id), r?.section ?? '', grade])
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

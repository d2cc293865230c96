// `--roster <file.csv>`: the class list. Students on it without a submission get a row "not
// submitted" in grades.csv and gradebook.csv; its other columns say who each submission is in the
// gradebook (Canvas's Student, ID, SIS User ID, SIS Login ID and Section).
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { RosterEntry } from '../core/results.ts'
import { safeId } from './discover.ts'

/** Header names accepted for each field (case and spaces ignored). */
const COLUMNS: Record<keyof RosterEntry, string[]> = {
  id: ['id', 'submission', 'github', 'githubusername', 'identifier', 'rosteridentifier'],
  name: ['name', 'student', 'fullname'],
  lmsId: ['lmsid', 'canvasid', 'userid'],
  sisUserId: ['sisuserid', 'sisid', 'studentnumber', 'idnumber'],
  login: ['sisloginid', 'login', 'username', 'email', 'emailaddress'],
  section: ['section', 'group'],
}

const norm = (header: string) => header.toLowerCase().replace(/[\s_\-.]/g, '')

/** Reads a roster CSV (with a header row); throws with the line when it cannot be used. */
export function readRoster(file: string): RosterEntry[] {
  const rows = parse(readFileSync(file), { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][]
  const header = (rows.shift() ?? []).map(norm)
  const column = Object.fromEntries(
    Object.entries(COLUMNS).map(([field, names]) => [field, header.findIndex((h) => names.includes(h))]),
  ) as Record<keyof RosterEntry, number>
  if (column.id < 0) throw new Error(`${file}: the roster needs a column "id" (the name of each student's submission folder or zip)`)
  const seen = new Set<string>()
  return rows.map((row, i) => {
    const cell = (field: keyof RosterEntry) => (column[field] >= 0 ? row[column[field]]?.trim() || undefined : undefined)
    const raw = cell('id')
    if (!raw) throw new Error(`${file}, line ${i + 2}: no id`)
    const id = safeId(raw)
    if (seen.has(id.toLowerCase())) throw new Error(`${file}, line ${i + 2}: "${raw}" is on the roster twice`)
    seen.add(id.toLowerCase())
    const entry: RosterEntry = { id }
    for (const field of ['name', 'lmsId', 'sisUserId', 'login', 'section'] as const) {
      const value = cell(field)
      if (value !== undefined) entry[field] = value
    }
    return entry
  })
}

// Untrusted text made safe to show: HTML escaping, terminal control codes removed, lengths capped,
// and student ids turned into directory names that cannot escape the output folder.
import { createHash } from 'node:crypto'

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' }

export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]!)
}

/** Removes ANSI colour codes and other control characters (keeps newlines and tabs), caps the length. */
export function cleanText(text: string, max = 20_000): string {
  const cleaned = String(text)
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[@-_]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]/g, '')
  return cleaned.length > max ? `${cleaned.slice(0, max)} … (${cleaned.length - max} more characters)` : cleaned
}

/**
 * Names a student's folder may not take: what the reports and the batch grader write at the top of
 * the output folder, and names Windows reserves.
 */
const RESERVED = /^(lessons|index\.html|report|assets|results\.json|grades\.csv|gradebook\.csv|junit\.xml|summary\.md|sample-class|con|prn|aux|nul|com\d|lpt\d)$/i
/** What the batch grader's ids look like (grader/batch/discover.ts, safeId): kept as they are. */
const SAFE_AS_IS = /^[\p{L}\p{N}_@+~][\p{L}\p{N}._@+~-]{0,99}$/u

/**
 * A directory name for a student id. An id that is already a safe name (letters and digits of any
 * script, `._@+~-`, not starting with `.` or `-`, at most 100 characters, not reserved) is kept, so
 * the report lands in the same folder as the grader's other files for that student. Anything else
 * becomes ASCII letters, digits and `._-` plus a short hash of the original, so two ids that clean
 * to the same text (`a/b`, `a?b`) still get different folders.
 */
export function safeDirName(id: string): string {
  const text = String(id)
  if (text === text.normalize('NFC') && SAFE_AS_IS.test(text) && !RESERVED.test(text)) return text
  const name = text.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, 64).replace(/[._-]+$/, '')
  return `${name || 'student'}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`
}

/** Directory names for a whole class, unique even if different ids differ only in case. */
export function assignDirNames(ids: string[]): Map<string, string> {
  const taken = new Set<string>()
  const names = new Map<string, string>()
  for (const id of ids) {
    if (names.has(id)) continue
    let name = safeDirName(id)
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${safeDirName(id)}-${k}`
    taken.add(name.toLowerCase())
    names.set(id, name)
  }
  return names
}

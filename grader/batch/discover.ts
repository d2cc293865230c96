// Finds the submissions in a folder: each sub-folder or `.zip` file is one student, named by it.
// Names are read as bytes; the student id is made safe to use as a file name and a CSV cell.
import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { decodeName, showBytes } from './entries.ts'

export interface Submission {
  /** Safe id: letters, digits and `._@+-`, unique in the batch. */
  id: string
  /** The path as found (bytes: the name need not be valid UTF-8). */
  path: Buffer
  /** The name as shown to people. */
  source: string
  isZip: boolean
  /** How the id was derived when it differs from the name. */
  notes: string[]
}

/** File names the grader writes at the top of its output folder; no student may be called that. */
const RESERVED = new Set(['results.json', 'grades.csv', 'gradebook.csv', 'junit.xml', 'summary.md', 'index.html', 'report', 'assets', 'lessons', 'sample-class', '.grader'])

export interface Discovery {
  submissions: Submission[]
  /** Entries that are not submissions (stray files), for the teacher. */
  ignored: string[]
}

export function discoverSubmissions(dir: string): Discovery {
  const submissions: Submission[] = []
  const ignored: string[] = []
  const taken = new Set<string>()
  const base = Buffer.from(dir + path.sep)
  for (const nameBytes of readdirSync(dir, { encoding: 'buffer' }).sort(Buffer.compare)) {
    const name = decodeName(nameBytes)
    const shown = name ?? showBytes(nameBytes)
    // Skipped, but never silently: a teacher must be able to see every entry that was not graded.
    if (shown === '__MACOSX') {
      ignored.push(`${shown}: macOS archive metadata, not a submission`)
      continue
    }
    if (shown.startsWith('.')) {
      ignored.push(`${shown}: its name starts with "." (a hidden entry), so it is not taken for a submission; rename it to grade it`)
      continue
    }
    const full = Buffer.concat([base, nameBytes])
    let isDir: boolean
    try {
      isDir = statSync(full).isDirectory()
    } catch {
      ignored.push(`${shown}: cannot be read`)
      continue
    }
    const isZip = !isDir && /\.zip$/i.test(shown)
    if (!isDir && !isZip) {
      ignored.push(`${shown}: not a folder or a .zip file`)
      continue
    }
    const notes: string[] = []
    const wanted = isZip ? shown.replace(/\.zip$/i, '') : shown
    let id = safeId(wanted)
    if (name === undefined) notes.push(`the submission's name is not valid UTF-8 (${shown}); graded as "${id}"`)
    else if (id !== wanted) notes.push(`the submission's name "${wanted}" was made safe as "${id}"`)
    if (RESERVED.has(id.toLowerCase())) id = `_${id}`
    let unique = id
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${id}~${n}`
    if (unique !== id) notes.push(`another submission is also called "${id}"; this one is "${unique}"`)
    taken.add(unique.toLowerCase())
    submissions.push({ id: unique, path: full, source: shown, isZip, notes })
  }
  submissions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { submissions, ignored }
}

/** Letters (any script), digits and `._@+-`; anything else, and a leading dot or dash, becomes `_`. */
export function safeId(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[^\p{L}\p{N}._@+-]/gu, '_').replace(/^[.-]/, '_').slice(0, 100)
  return cleaned || '_'
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || !(count >= 1) || !(index >= 1 && index <= count)) throw new Error(`--shard must look like 2/5 (shard 2 of 5), got "${text}"`)
  return { index, count }
}

/**
 * Whether a student belongs to shard `index` of `count`. Decided by a hash of the id alone, so a
 * student stays on the same shard when others join or leave the class (and keeps its cache).
 */
export function inShard(id: string, shard: { index: number; count: number }): boolean {
  const bucket = createHash('sha256').update(id).digest().readUInt32BE(0) % shard.count
  return bucket === shard.index - 1
}

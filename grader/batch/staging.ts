// Staging: the only step that reads a submission. It finds the `exercises/` layout inside it (the
// submission itself, a folder in it, or a whole repository), takes the exercise source files of the
// course's topics and nothing else, and writes them into a fresh workspace. Tests, manifests,
// configuration and package.json always come from the course, never from the submission.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { EXERCISES_DIR, isInside } from '../core/paths.ts'
import { type SubmissionEntry, type SubmissionListing, printable } from './entries.ts'
import { listFolder } from './read-folder.ts'
import { CorruptZipError, listZip } from './read-zip.ts'

/**
 * Per topic, so that one topic's clutter never crowds out another topic's files; within a topic the
 * files named like the course's stubs are taken first.
 */
export const STAGING_LIMITS = {
  /** A single exercise file; the course's own answers are a few kilobytes. */
  fileBytes: 512 * 1024,
  /** All of one topic's files. */
  topicBytes: 1024 * 1024,
  /** Files of one topic. */
  topicFiles: 60,
  /** Folders inside a topic folder (helpers/…). */
  depth: 3,
}
/** Names listed in a note about files left out, before "and N more". */
const NAMES_SHOWN = 10

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/
const NOT_EXERCISE_CODE = /\.(test|spec|d)\.ts$/

export interface Staged {
  /** Folder of `NN-topic/` folders, what COURSE_TARGET points at. */
  workspace: string
  /** Files taken from the submission, relative to the workspace (`01-limits/limits.ts`). */
  files: string[]
  /** Topics with at least one file from the submission. */
  topics: string[]
  /** What was refused, ignored or filled in, for the teacher (untrusted names are escaped). */
  notes: string[]
  /** SHA-256 of the submitted files' paths and contents: what the cache key is made of. */
  hash: string
  /** Set when nothing can be graded: the reason. */
  rejected?: string
}

/**
 * Stages `source` (a folder, or a `.zip` file when `isZip`) into `workspace`, which must be a new,
 * empty folder. `topics` are the course's topic folders; files of other folders are ignored.
 */
export async function stageSubmission(source: Buffer | string, isZip: boolean, workspace: string, topics: string[]): Promise<Staged> {
  const result: Staged = { workspace, files: [], topics: [], notes: [], hash: '' }
  let listing: SubmissionListing
  try {
    listing = isZip ? await listZip(source) : listFolder(source, new Set(exerciseFileNames(topics).keys()))
  } catch (error) {
    if (error instanceof CorruptZipError) return { ...result, hash: emptyHash(), rejected: `the zip file cannot be read: ${error.message}` }
    throw error
  }
  try {
    result.notes.push(...listing.notes)
    const root = findExercisesRoot(listing.entries, topics)
    for (const entry of listing.entries.filter((e) => e.refused)) result.notes.push(`refused ${printable(entry.path)}: ${entry.refused}`)
    // Folders of topics (a repository, an exercises/ folder, NN-topic/ folders), else loose files
    // named like the course's exercise files (Gradescope's "upload files").
    const candidates = root !== undefined ? inTopicFolders(listing.entries, root, topics) : looseFiles(listing.entries, topics, result.notes)
    if (candidates.length === 0) {
      const what = listing.entries.filter((e) => !e.refused).length === 0 ? (isZip ? 'the zip file is empty' : 'the folder is empty') : 'no exercise files found'
      const names = [...exerciseFileNames(topics).keys()].slice(0, 6).join(', ')
      return { ...result, hash: emptyHash(), rejected: `${what}: expected exercises/NN-topic/*.ts, NN-topic/*.ts or the exercise files themselves (${names}, …) for one of ${topics.join(', ')}` }
    }
    await copyExerciseFiles(candidates, topics, result)
  } finally {
    listing.close()
  }
  if (result.files.length === 0) return { ...result, hash: emptyHash(), rejected: 'no exercise file could be used (see the notes)' }
  fillMissingStubs(result)
  return result
}

/**
 * The folder holding the topic folders: an `exercises` folder if there is one (the shallowest),
 * else the shallowest folder that directly holds a course topic folder with a `.ts` file.
 */
export function findExercisesRoot(entries: SubmissionEntry[], topics: string[]): string | undefined {
  const topicSet = new Set(topics)
  const candidates = new Set<string>()
  for (const entry of entries) {
    if (entry.refused || entry.kind !== 'file' || !entry.path.endsWith('.ts')) continue
    const parts = entry.path.split('/')
    parts.forEach((part, i) => {
      if (topicSet.has(part) && i < parts.length - 1) candidates.add(parts.slice(0, i).join('/'))
    })
  }
  const depth = (root: string) => (root === '' ? 0 : root.split('/').length)
  const ranked = [...candidates].sort((a, b) => {
    const exercisesFirst = Number(b.split('/').at(-1) === 'exercises') - Number(a.split('/').at(-1) === 'exercises')
    return exercisesFirst || depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0)
  })
  return ranked[0]
}

interface Candidate {
  entry: SubmissionEntry
  /** Where it goes in the workspace: `NN-topic/…`. */
  relative: string
}

/** The files under `root`'s topic folders. */
function inTopicFolders(entries: SubmissionEntry[], root: string, topics: string[]): Candidate[] {
  const prefix = root === '' ? '' : `${root}/`
  const topicSet = new Set(topics)
  return entries
    .filter((e) => !e.refused && e.kind === 'file' && e.path.startsWith(prefix))
    .map((e) => ({ entry: e, relative: e.path.slice(prefix.length) }))
    .filter(({ relative }) => topicSet.has(relative.split('/')[0]!))
}

/** Each exercise file name of the course (`limits.ts`) and the one topic it belongs to. */
export function exerciseFileNames(topics: string[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const topic of topics) {
    const dir = path.join(EXERCISES_DIR, topic)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && !NOT_EXERCISE_CODE.test(n))) {
      const other = names.get(name)
      // Two topics with one file name could not be told apart in a flat upload (verify refuses it).
      if (other !== undefined && other !== topic) throw new Error(`the exercise file name ${name} belongs to both ${other} and ${topic}`)
      names.set(name, topic)
    }
  }
  return names
}

/**
 * Loose files, as Gradescope's "upload files" leaves them: each file named like one of the
 * course's exercise files (in the shallowest folder holding any) goes to its topic. Other `.ts`
 * files there cannot be placed, and are named in the notes.
 */
function looseFiles(entries: SubmissionEntry[], topics: string[], notes: string[]): Candidate[] {
  const names = exerciseFileNames(topics)
  const files = entries.filter((e) => !e.refused && e.kind === 'file')
  const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '')
  const depth = (folder: string) => (folder === '' ? 0 : folder.split('/').length)
  const holding = files.filter((e) => names.has(e.path.split('/').at(-1)!)).map((e) => folderOf(e.path))
  if (holding.length === 0) return []
  const folder = holding.sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))[0]!
  const candidates: Candidate[] = []
  for (const entry of files.filter((e) => folderOf(e.path) === folder)) {
    const name = entry.path.split('/').at(-1)!
    const topic = names.get(name)
    if (topic) candidates.push({ entry, relative: `${topic}/${name}` })
    else if (name.endsWith('.ts') && !NOT_EXERCISE_CODE.test(name)) {
      notes.push(`ignored ${printable(entry.path)}: loose files are placed by name, and this is not one of the course's exercise files; put helper files in their topic's folder (NN-topic/)`)
    }
  }
  return candidates
}

async function copyExerciseFiles(found: Candidate[], topics: string[], result: Staged): Promise<void> {
  const topicSet = new Set(topics)
  const hash = createHash('sha256')
  const seen = new Set<string>()
  const byTopic = new Map<string, { files: number; bytes: number; overflow: string[] }>()
  const stubs = exerciseFileNames(topics)
  /** A file named like the course's own, in its topic's folder: what the topic is graded on. */
  const isStubFile = (relative: string) => {
    const parts = relative.split('/')
    return parts.length === 2 && stubs.get(parts[1]!) === parts[0]
  }
  const candidates = found
    .filter(({ relative }) => topicSet.has(relative.split('/')[0]!))
    // The files a topic is graded on first, then the rest by path.
    .sort((a, b) => Number(isStubFile(b.relative)) - Number(isStubFile(a.relative)) || (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))

  for (const { entry, relative } of candidates) {
    const parts = relative.split('/')
    const name = parts.at(-1)!
    if (!name.endsWith('.ts') || NOT_EXERCISE_CODE.test(name)) {
      if (/\.(js|mjs|cjs|mts|cts|tsx|jsx)$/.test(name)) result.notes.push(`ignored ${printable(relative)}: only .ts exercise files are graded`)
      continue // tests, manifests and lessons come from the course
    }
    const topic = parts[0]!
    const budget = byTopic.get(topic) ?? { files: 0, bytes: 0, overflow: [] }
    byTopic.set(topic, budget)
    if (budget.files >= STAGING_LIMITS.topicFiles || budget.bytes + entry.size > STAGING_LIMITS.topicBytes) {
      budget.overflow.push(relative)
      continue
    }
    const why = !parts.every((p) => SEGMENT.test(p))
      ? 'its name may use only letters, digits, "_", "-" and "."'
      : parts.length - 2 > STAGING_LIMITS.depth
        ? `it is nested more than ${STAGING_LIMITS.depth} folders deep`
        : seen.has(relative.toLowerCase())
          ? 'another file has the same name (differing only in case)'
          : entry.size > STAGING_LIMITS.fileBytes
            ? `it is larger than ${STAGING_LIMITS.fileBytes / 1024} KB`
            : undefined
    if (why) {
      result.notes.push(`refused ${printable(relative)}: ${why}`)
      continue
    }
    let content: Buffer
    try {
      content = await entry.read()
    } catch (error) {
      result.notes.push(`refused ${printable(relative)}: it could not be read (${(error as Error).message})`)
      continue
    }
    if (content.length > STAGING_LIMITS.fileBytes) {
      result.notes.push(`refused ${printable(relative)}: it is larger than ${STAGING_LIMITS.fileBytes / 1024} KB`)
      continue
    }
    const target = path.join(result.workspace, ...parts)
    if (!isInside(target, result.workspace)) throw new Error(`staging: ${target} is outside the workspace`) // unreachable after the checks above
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, content, { flag: 'wx', mode: 0o444 })
    seen.add(relative.toLowerCase())
    budget.files++
    budget.bytes += content.length
    result.files.push(relative)
    hash.update(`${relative}\0${content.length}\0`).update(content)
    if (!result.topics.includes(topic)) result.topics.push(topic)
  }
  for (const [topic, budget] of byTopic) {
    if (budget.overflow.length === 0) continue
    const shown = budget.overflow.slice(0, NAMES_SHOWN).map(printable).join(', ')
    const more = budget.overflow.length > NAMES_SHOWN ? ` and ${budget.overflow.length - NAMES_SHOWN} more` : ''
    result.notes.push(`left out ${budget.overflow.length} file(s) of ${topic} beyond its limit (${STAGING_LIMITS.topicFiles} files, ${STAGING_LIMITS.topicBytes / 1024 / 1024} MB per topic; the files named like the course's came first): ${shown}${more}`)
  }
  result.topics.sort()
  result.files.sort()
  result.hash = hash.digest('hex')
}


/** A topic's exercise files the student left out are taken from the course's stubs, as if untouched. */
function fillMissingStubs(result: Staged): void {
  for (const topic of result.topics) {
    const stubDir = path.join(EXERCISES_DIR, topic)
    for (const name of readdirSync(stubDir).filter((n) => n.endsWith('.ts') && !NOT_EXERCISE_CODE.test(n))) {
      const target = path.join(result.workspace, topic, name)
      if (existsSync(target)) continue
      copyFileSync(path.join(stubDir, name), target)
      result.notes.push(`${topic}/${name} was not in the submission: the course's stub was used`)
    }
  }
}

const emptyHash = () => createHash('sha256').update('empty').digest('hex')

// Lists a submission folder without trusting it: names are read as bytes (a name need not be valid
// UTF-8), links are followed only to regular files inside the submission, nothing but regular
// files and folders is read, and the walk is bounded in depth and size.
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { type SubmissionEntry, type SubmissionListing, SKIPPED_FOLDERS, decodeName, showBytes } from './entries.ts'

const MAX_DEPTH = 8
const MAX_ENTRIES = 50_000
/** One folder's share of the walk: a folder of clutter must not keep the walk from the others. */
const MAX_FOLDER_ENTRIES = 2_000

/**
 * Lists `root`. `wanted` names the files that matter (the course's exercise files): in a folder too
 * large to list whole, they are looked at first.
 */
export function listFolder(root: Buffer | string, wanted: ReadonlySet<string> = new Set()): SubmissionListing {
  const rootBytes = Buffer.isBuffer(root) ? root : Buffer.from(root)
  // Compared as bytes: the folder's own name need not be valid UTF-8 either.
  const realRoot = realpathSync.native(rootBytes, { encoding: 'buffer' })
  const entries: SubmissionEntry[] = []
  const notes: string[] = []
  let seen = 0

  const walk = (dirBytes: Buffer, relative: string, depth: number): void => {
    let names: Buffer[]
    try {
      names = readdirSync(dirBytes, { encoding: 'buffer' })
    } catch (error) {
      notes.push(`could not read the folder ${relative || '.'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      return
    }
    if (names.length > MAX_FOLDER_ENTRIES) {
      notes.push(`${relative || '.'} holds ${names.length} files and folders: only ${MAX_FOLDER_ENTRIES} were looked at (the course's file names first)`)
      const first = (name: Buffer) => Number(!wanted.has(name.toString('utf8')))
      names = names.sort((a, b) => first(a) - first(b) || Buffer.compare(a, b)).slice(0, MAX_FOLDER_ENTRIES)
    }
    for (const nameBytes of names.sort(Buffer.compare)) {
      if (++seen > MAX_ENTRIES) {
        if (seen === MAX_ENTRIES + 1) notes.push(`more than ${MAX_ENTRIES} files and folders: the rest were not looked at`)
        return
      }
      const full = Buffer.concat([dirBytes, Buffer.from(path.sep), nameBytes])
      const name = decodeName(nameBytes)
      const shown = `${relative}${name ?? showBytes(nameBytes)}`
      let stats: ReturnType<typeof lstatSync>
      try {
        stats = lstatSync(full)
      } catch {
        continue // removed while we looked
      }
      if (name === undefined) {
        entries.push(refusedEntry(shown, stats.isDirectory(), 'its name is not valid UTF-8, so it was left out'))
        continue
      }
      if (stats.isDirectory()) {
        if (SKIPPED_FOLDERS.has(name)) continue
        entries.push({ path: shown, kind: 'dir', size: 0, read: async () => Buffer.alloc(0) })
        if (depth < MAX_DEPTH) walk(full, `${shown}/`, depth + 1)
      } else if (stats.isFile()) {
        entries.push({ path: shown, kind: 'file', size: stats.size, read: async () => readFileSync(full) })
      } else if (stats.isSymbolicLink()) {
        entries.push(linkEntry(full, shown, realRoot))
      } else {
        entries.push(refusedEntry(shown, false, 'it is not a regular file'))
      }
    }
  }
  walk(rootBytes, '', 0)
  return { entries, notes, close: () => {} }
}

/** A link is read as the file it points to, if that is a regular file inside the submission. */
function linkEntry(full: Buffer, shown: string, realRoot: Buffer): SubmissionEntry {
  let target: Buffer
  try {
    target = realpathSync.native(full, { encoding: 'buffer' })
  } catch {
    return refusedEntry(shown, false, 'it is a symbolic link to nothing')
  }
  if (!insideBytes(target, realRoot)) return refusedEntry(shown, false, 'it is a symbolic link to a file outside the submission')
  const stats = statSync(target)
  if (!stats.isFile()) return refusedEntry(shown, stats.isDirectory(), 'it is a symbolic link to a folder (links to folders are not followed)')
  return { path: shown, kind: 'file', size: stats.size, read: async () => readFileSync(target) }
}

function refusedEntry(shown: string, isDir: boolean, why: string): SubmissionEntry {
  return {
    path: shown,
    kind: isDir ? 'dir' : 'file',
    size: 0,
    read: async () => {
      throw new Error(`${shown} was refused`)
    },
    refused: why,
  }
}

/** Whether `file` lies strictly inside `dir`, both real paths given as bytes. */
function insideBytes(file: Buffer, dir: Buffer): boolean {
  const prefix = Buffer.concat([dir, Buffer.from(path.sep)])
  return file.length > prefix.length && file.subarray(0, prefix.length).equals(prefix)
}

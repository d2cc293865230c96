// Lists a zip submission without trusting it. Names are taken as raw bytes and checked here: an
// entry whose path is absolute, climbs with `..`, uses `\` or a drive letter (zip-slip), is a
// symbolic link, is encrypted or is too large is refused. Nothing is extracted by this module: the
// stager reads the few entries it wants, and yauzl checks each one's size and checksum as it goes.
import { closeSync, openSync } from 'node:fs'
import yauzl from 'yauzl'
import { type SubmissionEntry, type SubmissionListing, decodeName, showBytes } from './entries.ts'

const MAX_ENTRIES = 50_000
/** Entries larger than this are never read (the stager's own limit is smaller). */
const MAX_ENTRY_BYTES = 16 * 1024 * 1024
const S_IFMT = 0o170000
const S_IFLNK = 0o120000

export class CorruptZipError extends Error {
  override name = 'CorruptZipError'
}

export async function listZip(file: Buffer | string): Promise<SubmissionListing> {
  const fd = openSync(file, 'r')
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromFdPromise(fd, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false })
  } catch (error) {
    closeSync(fd)
    throw new CorruptZipError(`not a readable zip file (${(error as Error).message})`)
  }
  const entries: SubmissionEntry[] = []
  const notes: string[] = []
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.length >= MAX_ENTRIES) {
        notes.push(`more than ${MAX_ENTRIES} entries: the rest were not looked at`)
        resolve()
        return
      }
      entries.push(describe(zip, entry))
      zip.readEntry()
    })
    zip.on('end', () => resolve())
    zip.on('error', (error: Error) => reject(new CorruptZipError(`the zip file is damaged (${error.message})`)))
    zip.readEntry()
  }).catch((error: unknown) => {
    zip.close()
    throw error
  })
  return { entries, notes, close: () => zip.close() }
}

function describe(zip: yauzl.ZipFile, entry: yauzl.Entry): SubmissionEntry {
  const raw = (entry.fileNameRaw ?? entry.fileName) as unknown as Buffer
  const name = decodeName(raw)
  const shown = name ?? showBytes(raw)
  const isDir = shown.endsWith('/')
  const refuse = (why: string): SubmissionEntry => ({ path: shown, kind: isDir ? 'dir' : 'file', size: 0, read: () => Promise.reject(new Error('refused')), refused: why })

  if (name === undefined) return refuse('its name is not valid UTF-8, so it was left out')
  const unsafe = unsafePath(name)
  if (unsafe) return refuse(unsafe)
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return refuse('it is a symbolic link (links in zip files are never extracted)')
  if (entry.isEncrypted()) return refuse('it is encrypted')
  if (!isDir && entry.uncompressedSize > MAX_ENTRY_BYTES) return refuse(`it is too large (${entry.uncompressedSize} bytes)`)
  return {
    path: isDir ? name.slice(0, -1) : name,
    kind: isDir ? 'dir' : 'file',
    size: entry.uncompressedSize,
    read: async () => {
      const stream = await zip.openReadStreamPromise(entry)
      const chunks: Buffer[] = []
      let total = 0
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length
        if (total > entry.uncompressedSize) throw new CorruptZipError(`${name} holds more data than it declares`)
        chunks.push(chunk)
      }
      return Buffer.concat(chunks)
    },
  }
}

/** Why a path inside a zip could land outside the folder it is extracted to, if it could. */
export function unsafePath(name: string): string | undefined {
  if (name.includes('\0')) return 'its name contains a NUL byte'
  if (name.includes('\\')) return 'its name contains "\\" (a Windows path that could point outside the submission)'
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'it has an absolute path, which points outside the submission'
  if (name.split('/').some((part) => part === '..')) return 'its path climbs out with "..", which points outside the submission (zip-slip)'
  return undefined
}

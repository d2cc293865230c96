// Results are written whole or not at all: to a temporary file beside the target, flushed to disk,
// then renamed over it (and the folder flushed, so the rename survives a crash). A write that fails
// half-way (a full disk) removes its temporary file and leaves the old file as it was.
// Why not npm's write-file-atomic (checked at 8.0.0 and 7.0.1): it flushes the file but never the
// folder, so a rename can be lost in a crash, and 8.x requires Node ^22.22.2 where the course
// supports 22.15 and later.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`)
  try {
    const fd = openSync(temporary, 'w')
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
  try {
    const dir = openSync(path.dirname(file), 'r')
    try {
      fsyncSync(dir)
    } finally {
      closeSync(dir)
    }
  } catch {
    // Not every system lets a folder be flushed (Windows); the rename itself is atomic there too.
  }
}

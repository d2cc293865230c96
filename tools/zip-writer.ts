// A small zip writer for the sample class, the Gradescope zip and the grader's tests. It writes
// exactly what it is given, including names no honest tool would write (`../x`, bytes that are not
// UTF-8, symbolic links), because those are what the stager must refuse: zip libraries (yazl,
// fflate, archiver) refuse or rewrite such names, which is why this one stays. Reading zips is
// yauzl's job (grader/batch/discover.ts).
import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipEntryInput {
  /** The entry's name as bytes or text; a name ending in `/` is a folder. */
  name: string | Buffer
  data?: string | Buffer
  /** Marks the entry as a symbolic link whose target is `data`. */
  symlink?: boolean
  /** An executable file (mode 755), such as Gradescope's run_autograder. */
  executable?: boolean
  /** Store the data deflated (method 8) instead of as is. */
  deflate?: boolean
}

export function buildZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8')
    const raw = entry.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8')
    const isDir = name.at(-1) === 0x2f
    const crc = crc32(raw)
    const method = entry.deflate ? 8 : 0
    const data = entry.deflate ? deflateRawSync(raw) : raw
    const utf8Flag = Buffer.isBuffer(entry.name) ? 0 : 0x0800
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(utf8Flag, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(0, 10) // time and date
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(raw.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, name, data)

    const mode = entry.symlink ? 0o120777 : isDir ? 0o040755 : entry.executable ? 0o100755 : 0o100644
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made by Unix, so the mode below counts
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(utf8Flag, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(0, 12)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(raw.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt16LE(0, 30) // extra
    central.writeUInt16LE(0, 32) // comment
    central.writeUInt16LE(0, 34) // disk
    central.writeUInt16LE(0, 36) // internal attributes
    central.writeUInt32LE(((mode << 16) | (isDir ? 0x10 : 0)) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

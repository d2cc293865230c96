// Results are written whole or not at all: to a temporary file beside the target, then renamed.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`)
  writeFileSync(temporary, data)
  renameSync(temporary, file)
}

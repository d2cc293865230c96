// Finished students are kept by a key made of what decides their result: the submitted files, the
// course version, the seed and the grading limits. An interrupted batch finds them again and goes on
// where it stopped; a re-run after one student resubmits grades only that student.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../core/atomic-write.ts'
import type { StudentResult } from '../core/results.ts'
import { parseStudentResult } from '../core/schemas.ts'

export interface CacheKeyParts {
  filesHash: string
  courseVersion: string
  seed: number
  /** Everything else that can change a verdict: topics, time and memory limits, retries. */
  settings: Record<string, unknown>
}

export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256').update(JSON.stringify([parts.filesHash, parts.courseVersion, parts.seed, parts.settings])).digest('hex')
}

export class ResultCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`)
  }

  get(key: string): StudentResult | undefined {
    const file = this.file(key)
    if (!existsSync(file)) return undefined
    // A damaged entry, or one that is valid JSON but not a result, is simply graded again.
    try {
      const parsed = parseStudentResult(JSON.parse(readFileSync(file, 'utf8')))
      return parsed.ok && parsed.result.hash === key ? parsed.result : undefined
    } catch {
      return undefined
    }
  }

  put(key: string, result: StudentResult): void {
    writeFileAtomic(this.file(key), JSON.stringify(result))
  }
}

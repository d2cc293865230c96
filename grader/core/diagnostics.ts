// The diagnostics file of a run: one JSON line per note, written by the test processes' watchdog
// thread and by the harness (never by student code, which runs in processes of its own). The grader
// reads it back after a run to say which test hung or was running when a process died. Every line is
// checked against its schema; a line that is not a note is skipped, and only the first few MB are read.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import * as v from 'valibot'

/** The watchdog ended a test process: `testId` overran its deadline (or, without one, the topic's loading did). */
export interface WatchdogReport {
  kind: 'timeout'
  /** Topic folder, e.g. `01-limits`. */
  topic: string
  testId?: string
  message: string
}

/** A test began: after a crash, the grader knows which test was running. */
export interface TestStarted {
  kind: 'started'
  topic: string
  testId: string
}

export type Diagnostic = WatchdogReport | TestStarted

const DIAGNOSTIC = v.variant('kind', [
  v.object({ kind: v.literal('timeout'), topic: v.string(), testId: v.optional(v.string()), message: v.string() }),
  v.object({ kind: v.literal('started'), topic: v.string(), testId: v.string() }),
])

export const MAX_DIAGNOSTICS_BYTES = 4 * 1024 * 1024

/** The notes of a diagnostics file, in order; none when the file is missing or unreadable. */
export function readDiagnostics(file: string | undefined): Diagnostic[] {
  const text = file ? readHead(file, MAX_DIAGNOSTICS_BYTES) : undefined
  if (!text) return []
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return []
    try {
      const parsed = v.safeParse(DIAGNOSTIC, JSON.parse(line))
      return parsed.success ? [parsed.output] : []
    } catch {
      return []
    }
  })
}

export const timeoutsIn = (notes: Diagnostic[]) => notes.filter((n): n is WatchdogReport => n.kind === 'timeout')
export const startsIn = (notes: Diagnostic[]) => notes.filter((n): n is TestStarted => n.kind === 'started')

function readHead(file: string, maxBytes: number): string | undefined {
  try {
    const fd = openSync(file, 'r')
    try {
      const buffer = Buffer.alloc(Math.min(fstatSync(fd).size, maxBytes))
      readSync(fd, buffer, 0, buffer.length, 0)
      return buffer.toString('utf8')
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
}

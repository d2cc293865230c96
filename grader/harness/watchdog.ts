// Vitest cannot interrupt a synchronous infinite loop: its timeouts are timers on the same thread.
// This watchdog runs on a thread of its own and ends the whole test process when the running test
// overstays its deadline. The deadline and the message to print live in shared memory, so the
// busy thread does not need to cooperate.
import { appendFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { TestStarted, WatchdogReport } from '../core/diagnostics.ts'

const MESSAGE_BYTES = 2048
// [0..8): deadline in ms since the epoch (0 = disarmed); [8..12): message length; then the message.
const shared = new SharedArrayBuffer(12 + MESSAGE_BYTES)
const deadline = new Float64Array(shared, 0, 1)
const length = new Int32Array(shared, 8, 1)
const bytes = new Uint8Array(shared, 12, MESSAGE_BYTES)

const WATCHDOG_THREAD = `
const { workerData } = require('node:worker_threads')
const { appendFileSync } = require('node:fs')
const deadline = new Float64Array(workerData.shared, 0, 1)
const length = new Int32Array(workerData.shared, 8, 1)
const bytes = new Uint8Array(workerData.shared, 12)
setInterval(() => {
  if (deadline[0] > 0 && Date.now() > deadline[0]) {
    const info = new TextDecoder().decode(bytes.slice(0, length[0]))
    try { process.stderr.write('\\n[course watchdog] ' + JSON.parse(info).message + '\\n') } catch {}
    if (workerData.file) {
      try { appendFileSync(workerData.file, info + '\\n') } catch {}
    }
    process.kill(process.pid, 'SIGKILL')
  }
}, 50)
`

let started = false
let diagnostics: string | undefined

/**
 * Starts the watchdog thread, once per test process. When it fires it prints the armed message,
 * appends the report as a JSON line to `diagnosticsFile` (if given), and kills the process.
 */
export function startWatchdog(diagnosticsFile?: string): void {
  if (started) return
  started = true
  diagnostics = diagnosticsFile
  new Worker(WATCHDOG_THREAD, { eval: true, workerData: { shared, file: diagnosticsFile } }).unref()
}

/** The process is ended unless `arm` is called again within `ms`; `report` says what overran. */
export function arm(ms: number, report: WatchdogReport): void {
  const encoded = new TextEncoder().encode(JSON.stringify(report))
  if (encoded.length > MESSAGE_BYTES) throw new Error('watchdog report too long')
  bytes.set(encoded)
  length[0] = encoded.length
  deadline[0] = Date.now() + ms
}

/** Notes the start of a test in the diagnostics file (a few bytes per test; nothing without a file). */
export function recordStart(topic: string, testId: string): void {
  if (!diagnostics) return
  const note: TestStarted = { kind: 'started', topic, testId }
  try {
    appendFileSync(diagnostics, `${JSON.stringify(note)}\n`)
  } catch {
    // Diagnostics are best effort: a test must not fail because a note could not be written.
  }
}

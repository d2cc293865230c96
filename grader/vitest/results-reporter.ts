// Writes the run's raw results as JSON, for the grader and `npm run verify` to score.
import type { UserConsoleLog } from 'vitest'
import type { Reporter, SerializedError, TestModule } from 'vitest/node'
import { writeFileAtomic } from '../core/atomic-write.ts'
import type { RawRun } from '../core/raw-results.ts'
import { collectRun } from './collect-run.ts'

/** Console output kept per run: enough to debug a submission, too little to flood the grader. */
export const MAX_CONSOLE_CHARS = 64_000

export class ResultsReporter implements Reporter {
  private startedAt = Date.now()
  private console = ''
  private droppedChars = 0
  constructor(private options: { outputFile?: string; diagnosticsFile?: string; onResults?: (run: RawRun) => void }) {}

  /** Where the next run's results and watchdog notes go (a vitest main process kept between runs). */
  retarget(files: { outputFile: string; diagnosticsFile: string }): void {
    this.options = { ...this.options, ...files }
  }

  onTestRunStart(): void {
    this.startedAt = Date.now()
    this.console = ''
    this.droppedChars = 0
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    const room = MAX_CONSOLE_CHARS - this.console.length
    if (room > 0) this.console += log.content.slice(0, room)
    this.droppedChars += Math.max(0, log.content.length - Math.max(0, room))
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    const run = collectRun(modules, unhandled, this.options.diagnosticsFile, Date.now() - this.startedAt)
    if (this.console) run.console = this.droppedChars ? `${this.console}\n… (${this.droppedChars} more characters not kept)` : this.console
    if (this.options.outputFile) writeFileAtomic(this.options.outputFile, JSON.stringify(run, null, 1))
    this.options.onResults?.(run)
  }
}

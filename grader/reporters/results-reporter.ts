// Writes the run's raw results as JSON, for the grader and `npm run verify` to score.
import type { Reporter, SerializedError, TestModule } from 'vitest/node'
import { writeFileAtomic } from '../atomic-write.ts'
import { type RawRun, collectRun } from './raw-results.ts'

export class ResultsReporter implements Reporter {
  private startedAt = Date.now()
  constructor(private readonly options: { outputFile?: string; diagnosticsFile?: string; onResults?: (run: RawRun) => void }) {}

  onTestRunStart(): void {
    this.startedAt = Date.now()
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    const run = collectRun(modules, unhandled, this.options.diagnosticsFile, Date.now() - this.startedAt)
    if (this.options.outputFile) writeFileAtomic(this.options.outputFile, JSON.stringify(run, null, 1))
    this.options.onResults?.(run)
  }
}

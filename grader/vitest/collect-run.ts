// Turns what vitest reports about a run (its test modules and their tasks' meta) into the RawRun
// every consumer reads. Runs in vitest's main process, in the reporters.
import path from 'node:path'
import type { SerializedError, TestModule } from 'vitest/node'
import { readDiagnostics, timeoutsIn } from '../core/diagnostics.ts'
import type { RawRun, RawTopic, RawTest } from '../core/raw-results.ts'

const errorText = (e: SerializedError | { message?: string; name?: string }) => `${e.name ?? 'Error'}: ${e.message ?? ''}`.trim()

export function collectRun(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>, diagnosticsFile: string | undefined, durationMs: number): RawRun {
  const topics = modules.map((module): RawTopic => {
    const tests = [...module.children.allTests()].map((test): RawTest => {
      const result = test.result()
      const meta = test.meta()
      return {
        id: meta.testId,
        title: meta.title ?? test.name,
        state: result.state,
        durationMs: test.diagnostic()?.duration,
        outcome: meta.outcome,
        failure: meta.failure,
        backend: meta.backend,
        plots: meta.plots,
        regions: meta.regions,
        seed: meta.seed,
        errors: (result.errors ?? []).map(errorText),
      }
    })
    return {
      topic: path.basename(path.dirname(module.moduleId)),
      state: module.state(),
      tests,
      errors: module.errors().map(errorText),
    }
  })
  return { topics, unhandledErrors: unhandled.map(errorText), watchdog: timeoutsIn(readDiagnostics(diagnosticsFile)), durationMs }
}

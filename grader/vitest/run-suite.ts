// Runs the course's test suite on some target in a child process and returns its raw results.
// Used by `npm run verify`; the grader adds its sandbox around the same command.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { COURSE_ROOT } from '../core/paths.ts'
import type { RawRun } from '../core/raw-results.ts'
import { settingsEnv } from '../core/settings.ts'
import { runCommand } from '../core/run-command.ts'
import { parseRawRun } from '../core/schemas.ts'

export const VITEST_BIN = path.join(COURSE_ROOT, 'node_modules', 'vitest', 'vitest.mjs')

export interface SuiteOptions {
  /** `exercises`, `solutions` or a folder of topic folders. */
  target: string
  /** Files replaced by others (see Target.overrides). */
  overrides?: Record<string, string>
  /** Topic folders to run (default: all). */
  topics?: string[]
  /** Test files to run instead, relative to the course root (`exercises/08-dense-nets/training.test.ts`). */
  files?: string[]
  seed?: number
  env?: NodeJS.ProcessEnv
}

export interface SuiteRun {
  run: RawRun
  exitCode: number | null
  output: string
}

export async function runSuite(options: SuiteOptions): Promise<SuiteRun> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'course-suite-'))
  const resultsFile = path.join(work, 'results.json')
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      ...settingsEnv({
        target: options.target,
        overrides: options.overrides ?? {},
        resultsFile,
        diagnosticsFile: path.join(work, 'watchdog.jsonl'),
        quiet: true,
        seed: options.seed,
      }),
    }
    const filters = options.files ?? (options.topics ?? []).map((t) => `exercises/${t}/`)
    const { code: exitCode, output } = await runCommand(process.execPath, [VITEST_BIN, 'run', ...filters], { env, keepChars: 100_000 })
    if (!existsSync(resultsFile)) throw new Error(`the test run wrote no results (exit code ${exitCode}):\n${output.slice(-4000)}`)
    const parsed = parseRawRun(JSON.parse(readFileSync(resultsFile, 'utf8')))
    if (!parsed.ok) throw new Error(`the test run's results are not a run's record (${parsed.problem})`)
    return { run: parsed.result, exitCode, output }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

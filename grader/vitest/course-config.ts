// The vitest configuration shared by `npm test`, `npm run verify` and the grader.
import os from 'node:os'
import path from 'node:path'
import { rmSync } from 'node:fs'
import type { ViteUserConfig } from 'vitest/config'
import { COURSE_ROOT } from '../core/paths.ts'
import { ProgressReporter } from './progress-reporter.ts'
import { ResultsReporter } from './results-reporter.ts'
import { detectNodeFeatures } from '../sandbox/node-features.ts'
import { studentBridge } from './bridge-plugin.ts'
import { sharedCourseModules } from './module-cache.ts'
import { CourseSequencer } from './sequencer.ts'
import type { Target } from './target.ts'
import { readSettings, settingsEnv } from '../core/settings.ts'

export interface CourseTestOptions {
  /** Extra Node flags for the test processes (the grader sets their heap here). */
  execArgv?: string[]
  /** Replaces vitest's reporters (the grader uses its own). */
  reporters?: NonNullable<ViteUserConfig['test']>['reporters']
}

/**
 * The configuration for a run on `target`. COURSE_RESULTS_FILE (set by the grader) adds the
 * results reporter and COURSE_QUIET=1 silences the others; COURSE_DIAG_FILE says where the
 * watchdog reports (default: a temp file).
 */
export function courseTestConfig(target: Target, options: CourseTestOptions = {}): ViteUserConfig {
  const settings = readSettings()
  const diagnosticsFile = settings.diagnosticsFile ?? path.join(os.tmpdir(), `course-watchdog-${process.pid}.jsonl`)
  rmSync(diagnosticsFile, { force: true })
  const { resultsFile, quiet } = settings
  const reporters = options.reporters ?? [
    // Students see the progress table; vitest's own report (every failure with its stack) only with
    // `npm test -- --full` (grader/cli/run-tests.mjs) or when vitest is run directly.
    ...(quiet ? [] : [...(settings.studentRun && !settings.fullOutput ? [] : ['default']), new ProgressReporter({ diagnosticsFile })]),
    ...(resultsFile ? [new ResultsReporter({ outputFile: resultsFile, diagnosticsFile })] : []),
  ]
  const moduleCache = settings.moduleCache
  const watch = process.argv.includes('watch')
  // Probed once here rather than in every test process: the flags each student process gets.
  const nodeFeatures = settings.nodeFeatures ?? detectNodeFeatures()
  return {
    root: COURSE_ROOT,
    // The tests never load the code under test: `@target/…` is a bridge to a student process.
    plugins: [studentBridge(target, { watch }), ...(moduleCache ? [sharedCourseModules(target)] : [])],
    // The grader points Vite's cache into its own scratch folder (COURSE_CACHE_DIR), not node_modules.
    ...(settings.cacheDir ? { cacheDir: settings.cacheDir } : {}),
    // In watch mode the tests read the student's files as text (to re-run on a change); they may live outside the course.
    server: { fs: { strict: false } },
    test: {
      include: ['exercises/*/*.test.ts'],
      setupFiles: ['grader/harness/setup.ts'],
      pool: 'forks',
      // The test processes run only the course's code (the student's runs in student processes of
      // its own, one per test file), so they may be shared. COURSE_SHARED_PROCESS=1 (the grader):
      // one test process runs all the topics of a submission, so the libraries load once. Watch mode
      // keeps its process between re-runs too: a re-run then answers in under a second.
      isolate: !settings.sharedProcess && !watch,
      execArgv: options.execArgv ?? settings.execArgv ?? [],
      sequence: { sequencer: CourseSequencer },
      testTimeout: 10_000,
      hookTimeout: 30_000,
      reporters,
      env: settingsEnv({ diagnosticsFile, nodeFeatures }),
      // vitest 5 caches every transform on disk by default, keyed without the target folder: only the
      // grader's shared cache of the course's own modules is wanted (see module-cache.ts).
      fsModuleCache: !!moduleCache,
      ...(moduleCache ? { fsModuleCachePath: moduleCache } : {}),
    },
  }
}

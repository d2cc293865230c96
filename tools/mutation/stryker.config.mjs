// StrykerJS configuration for one topic of the answer key (see tools/mutation/run.ts).
// tools/mutation/run.ts starts one Stryker run per topic with MUTATION_TOPIC set.
const topic = process.env.MUTATION_TOPIC
if (!topic) throw new Error('MUTATION_TOPIC is not set: run `npm run mutation -- NN`')
const reports = `reports/mutation/${topic}`

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'tools/mutation/vitest.config.ts', related: false },
  // The topic's tests are chosen in vitest.config.ts (MUTATION_TOPIC), not with Stryker's
  // `testFiles`: with `testFiles`, Stryker 9.6 runs static mutants with runtime activation, so a
  // mutant of a module-level constant is never switched on and always "survives".
  // Only the answer key: never the variants, the alternatives, the stubs or the course modules.
  // MUTATION_FILES (from run.ts) leaves out the files listed in summary.ts's EXCLUDED, with their reason.
  mutate: process.env.MUTATION_FILES ? JSON.parse(process.env.MUTATION_FILES) : [`solutions/${topic}/*.ts`],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 10,
  reporters: ['html', 'json', 'progress-append-only', 'clear-text'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  // The sandbox lives outside the checkout, so other people's `git status` never sees it.
  tempDirName: process.env.MUTATION_TMP ?? `/tmp/course-stryker-${topic}`,
  cleanTempDir: true,
  ignorePatterns: ['reports', '.grading', '.scratch-*', 'node_modules', '.git'],
  logLevel: 'info',
  fileLogLevel: 'off',
  thresholds: { high: 95, low: 90, break: null },
}

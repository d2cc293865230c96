// `npm run mutation [-- NN …] [--concurrency N] [--summary-only]`: mutation testing of the answer key.
//
// For each topic, one StrykerJS run (tools/mutation/stryker.config.mjs) mutates the answer-key
// files solutions/NN-topic/*.ts and runs the topic's own graded tests against every mutant, with
// the course's vitest configuration (setup file, watchdog, import and code guards). Reports:
// reports/mutation/NN-topic/{index.html,mutation.json}. Each run's counts and time are kept in
// tools/mutation/scores.json, and tools/mutation/SUMMARY.md (committed) is written from them and
// from the reviewed list of equivalent mutants, tools/mutation/equivalent.json.
//
// Exit code 1 when a run failed, a surviving mutant is neither killed nor listed as equivalent, or
// a topic scores below the 90% the course promises.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../../grader/core/atomic-write.ts'
import { selectTopics } from '../../grader/core/manifest.ts'
import { COURSE_ROOT, REPORTS_DIR } from '../../grader/core/paths.ts'
import { EXCLUDED, MUTATION_DIR, type TopicScore, analyseReport, loadEquivalents, loadScores, renderSummary } from './summary.ts'
import { Command } from 'commander'
import { wholeNumber } from '../cli-options.ts'

const STRYKER_BIN = path.join(COURSE_ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js')
const CONFIG = path.join(MUTATION_DIR, 'stryker.config.mjs')

async function main(): Promise<void> {
  const program = new Command('npm run mutation --')
    .description('StrykerJS on the answer key, topic by topic; writes tools/mutation/scores.json and SUMMARY.md')
    .argument('[topics...]', 'topics by number, folder or name (default: all)')
    .option('--concurrency <n>', "Stryker's test runners at once", wholeNumber(1, 16))
    .option('--summary-only', 'only write SUMMARY.md again from the committed scores')
    .parse(process.argv.slice(2), { from: 'user' })
  const flags = program.opts<{ concurrency?: number; summaryOnly?: boolean }>()
  const concurrency = flags.concurrency === undefined ? undefined : String(flags.concurrency)
  const summaryOnly = flags.summaryOnly === true
  const topics = selectTopics(program.args)

  const scores = loadScores()
  let failed = false
  if (!summaryOnly) {
    for (const topic of topics) {
      if (mutatedFiles(topic).length === 0) {
        console.log(`\n${topic}: nothing to mutate (see EXCLUDED in tools/mutation/summary.ts)`)
        continue
      }
      console.log(`\n=== mutation testing ${topic} (${mutatedFiles(topic).join(', ')}) ===`)
      const started = Date.now()
      const code = await stryker(topic, concurrency)
      const seconds = Math.round((Date.now() - started) / 1000)
      const report = path.join(REPORTS_DIR, 'mutation', topic, 'mutation.json')
      if (code !== 0 || !existsSync(report)) {
        console.error(`${topic}: Stryker exited with code ${code}${existsSync(report) ? '' : ' and wrote no report'}`)
        failed = true
        continue
      }
      scores[topic] = { ...analyseReport(topic, JSON.parse(readFileSync(report, 'utf8'))), seconds, date: new Date().toISOString().slice(0, 10) }
      writeFileAtomic(path.join(MUTATION_DIR, 'scores.json'), `${JSON.stringify(sortKeys(scores), null, 2)}\n`)
    }
  }

  const equivalents = loadEquivalents()
  const { markdown, problems } = renderSummary(scores, equivalents, topics)
  writeFileAtomic(path.join(MUTATION_DIR, 'SUMMARY.md'), markdown)
  console.log(`\n${markdown}`)
  for (const p of problems) console.error(`✗ ${p}`)
  process.exitCode = failed || problems.length ? 1 : 0
}

/** The answer-key files of a topic that Stryker mutates (all of solutions/NN-topic/*.ts but the exclusions). */
export function mutatedFiles(topic: string): string[] {
  return readdirTs(path.join(COURSE_ROOT, 'solutions', topic)).filter((f) => !(f in (EXCLUDED[topic] ?? {}))).map((f) => `solutions/${topic}/${f}`)
}

function readdirTs(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : []
}

function stryker(topic: string, concurrency: string | undefined): Promise<number | null> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MUTATION_TOPIC: topic,
    MUTATION_FILES: JSON.stringify(mutatedFiles(topic)),
    ...(concurrency ? { MUTATION_CONCURRENCY: concurrency } : {}),
    COURSE_QUIET: '1',
    FORCE_COLOR: '0',
  }
  // The graders' own variables must not leak into the runs (a target other than the answer key, overrides, a seed).
  for (const name of ['COURSE_TARGET', 'COURSE_OVERRIDES', 'COURSE_SEED', 'COURSE_RESULTS_FILE', 'COURSE_SKIP_TESTS']) delete env[name]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STRYKER_BIN, 'run', CONFIG], { cwd: COURSE_ROOT, env, stdio: 'inherit' })
    child.on('error', reject)
    child.on('close', resolve)
  })
}

function sortKeys(scores: Record<string, TopicScore>): Record<string, TopicScore> {
  return Object.fromEntries(Object.entries(scores).sort(([a], [b]) => a.localeCompare(b)))
}

await main()

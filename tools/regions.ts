// `npm run regions [-- --seeds 1,2,3 | -n 5] [--table] [NN …]`: how often the answer key's run of
// every graded property reaches each of its named input regions (grader/core/regions.ts), under
// several grading seeds, against the floor each region states. `npm run verify` runs it under
// VERIFY_SEEDS; `npm run flaky` checks the same floors under its random seeds.
//
// Fails (exit code 1) when a region is hit fewer times than its floor in the run of some seed,
// when a property declares no regions, or when a property that ran under one seed did not report
// under another.
import { randomInt } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { STUDENT_SEED } from '../grader/core/test-seed.ts'
import { selectTopics } from '../grader/core/manifest.ts'
import type { RawRun } from '../grader/core/raw-results.ts'
import { runSuite } from '../grader/vitest/run-suite.ts'
import { binomialBand } from '../grader/harness/stats.ts'
import { Command } from 'commander'
import { seedList, wholeNumber } from './cli-options.ts'

/** The seeds verify measures under: the students' seed and four fixed grading seeds. */
export const VERIFY_SEEDS = [STUDENT_SEED, 1, 7, 123456789, 2147483646]

/** One region of one property, over the seeds measured. */
export interface RegionRow {
  topic: string
  test: string
  property: string
  region: string
  min: number
  /** Hits per seed, in the order of the seeds. */
  hits: number[]
  /** The property's inputs per seed. */
  runs: number[]
}

export interface RegionReport {
  seeds: number[]
  rows: RegionRow[]
  /** Properties with no regions declared, as `topic › test › property`. */
  undeclared: string[]
  /** Properties that reported under some seeds only (a test that failed or was cut short). */
  missing: string[]
}

/** Collects the region counts of runs made under `seeds` (runs[i] under seeds[i]). */
export function regionReport(seeds: number[], runs: RawRun[]): RegionReport {
  const rows = new Map<string, RegionRow>()
  const properties = new Map<string, Set<number>>()
  const undeclared = new Set<string>()
  runs.forEach((run, s) => {
    for (const file of run.topics) {
      for (const test of file.tests) {
        for (const count of test.regions ?? []) {
          const where = `${file.topic} › ${test.id} › ${count.property}`
          properties.set(where, (properties.get(where) ?? new Set()).add(s))
          if (!count.declared) undeclared.add(where)
          for (const [name, { hits, min }] of Object.entries(count.regions)) {
            const key = `${where} › ${name}`
            const row = rows.get(key) ?? { topic: file.topic, test: test.id ?? test.title, property: count.property, region: name, min, hits: new Array<number>(seeds.length).fill(0), runs: new Array<number>(seeds.length).fill(0) }
            row.hits[s] = hits
            row.runs[s] = count.runs
            rows.set(key, row)
          }
        }
      }
    }
  })
  const missing = [...properties].filter(([, seen]) => seen.size !== runs.length).map(([where]) => where)
  return { seeds, rows: [...rows.values()], undeclared: [...undeclared], missing }
}

/** Rows under their floor for some seed. */
export const belowFloor = (report: RegionReport) => report.rows.filter((r) => r.hits.some((h) => h < r.min))

export function regionProblems(report: RegionReport): string[] {
  return [
    ...belowFloor(report).map((r) => `${r.topic} › ${r.test} › ${r.property} › ${r.region}: hit ${r.hits.join(', ')} times under seeds ${report.seeds.join(', ')}; floor ${r.min}`),
    ...report.undeclared.map((w) => `${w}: declares no named regions`),
    ...report.missing.map((w) => `${w}: did not report under every seed (did the answer key fail?)`),
  ]
}

/** One line per topic: properties, regions, and the region closest to its floor. */
export function topicSummaries(report: RegionReport): string[] {
  const topics = [...new Set(report.rows.map((r) => r.topic))].sort()
  return topics.map((topic) => {
    const rows = report.rows.filter((r) => r.topic === topic)
    const properties = new Set(rows.map((r) => `${r.test} › ${r.property}`)).size
    const margin = (r: RegionRow) => Math.min(...r.hits) / r.min
    const tightest = rows.reduce((a, b) => (margin(b) < margin(a) ? b : a))
    const below = rows.filter((r) => r.hits.some((h) => h < r.min)).length
    return `${topic.padEnd(22)} ${String(properties).padStart(3)} properties ${String(rows.length).padStart(4)} regions  ${below ? `${below} BELOW THEIR FLOOR` : 'all above their floors'}; closest: ${tightest.test} › ${tightest.region} hit ${Math.min(...tightest.hits)}–${Math.max(...tightest.hits)} times, floor ${tightest.min}`
  })
}

/**
 * The largest floor that a run of `runs` inputs, each in the region with the rate seen over all the
 * seeds, stays at or above except with probability 1e-6 (Chernoff): a guide for setting floors.
 * Regions reached by explicit examples are hit more surely than this says.
 */
export function suggestedFloor(row: RegionRow): number {
  const runs = Math.min(...row.runs)
  const p = row.hits.reduce((a, b) => a + b, 0) / row.runs.reduce((a, b) => a + b, 0)
  if (!(p > 0) || runs === 0) return 0
  return Math.max(0, binomialBand(runs, Math.min(p, 1 - 1e-12), 2e-6)[0])
}

export function regionTable(report: RegionReport): string[] {
  return report.rows.map((r) => `${r.topic} › ${r.test} › ${r.property} › ${r.region}: ${r.hits.join(' ')} of ${Math.min(...r.runs)} (floor ${r.min}, safe ≤ ${suggestedFloor(r)})`)
}

/** Runs the answer key under each seed (reusing `known` runs) and collects the counts. */
export async function measureRegions(topics: string[], seeds: number[], known: Map<number, RawRun> = new Map()): Promise<RegionReport> {
  const runs: RawRun[] = []
  for (const seed of seeds) runs.push(known.get(seed) ?? (await runSuite({ target: 'solutions', topics, seed })).run)
  return regionReport(seeds, runs)
}

async function main(): Promise<void> {
  const program = new Command('npm run regions --')
    .description("how often the answer key's run of every graded property reaches each of its named input regions, against their floors")
    .argument('[topics...]', 'topics by number, folder or name (default: all)')
    .option('-n, --number <count>', 'random seeds instead of the five of verify', wholeNumber(1, 1000))
    .option('--seeds <list>', 'these seeds, separated by commas', seedList)
    .option('--table', 'print every region with its hits per seed and a safe floor')
    .parse(process.argv.slice(2), { from: 'user' })
  const flags = program.opts<{ number?: number; seeds?: number[]; table?: boolean }>()
  const topics = selectTopics(program.args)
  const seeds = flags.seeds ?? (flags.number ? Array.from({ length: flags.number }, () => randomInt(1, 2 ** 31)) : VERIFY_SEEDS)
  console.log(`regions: the answer key of ${topics.join(', ')} under seeds ${seeds.join(', ')}\n`)
  const report = await measureRegions(topics, seeds)
  if (flags.table) console.log(`${regionTable(report).join('\n')}\n`)
  for (const line of topicSummaries(report)) console.log(`  ${line}`)
  const problems = regionProblems(report)
  for (const p of problems) console.log(`  ✗ ${p}`)
  console.log(`\nregions: ${report.rows.length} regions of ${new Set(report.rows.map((r) => `${r.topic}${r.test}${r.property}`)).size} properties, ${problems.length ? `${problems.length} problem(s)` : 'every one above its floor under every seed'}`)
  process.exitCode = problems.length ? 1 : 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()

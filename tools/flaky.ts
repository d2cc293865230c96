// `npm run flaky [-- -n 20] [--seeds 7,8,9] [--concurrency 1] [--no-variants] [NN …]`: the suite
// under N random grading seeds, against the answer key, every alternative solution in
// solutions/alternatives and every wrong variant in solutions/variants.
//
// A correct solution must pass under every seed the grader might pick, not just the students' seed,
// and a wrong variant must be caught under every one of them: a variant caught only under some
// seeds is caught by chance. The seeds are drawn at random (crypto) and printed first, so any
// verdict reproduces with `--seeds <seed>` or the command printed beside it.
//
// To keep it affordable each target is one test run that registers every test once per seed
// (COURSE_SEEDS, see grader/harness/graded.ts):
//   - the answer key, every topic and test;
//   - the k-th alternative of every topic (each standing in for its own answer-key file), k = 1, 2, …;
//   - each variant alone, with only the test files holding the tests it names and every other test
//     of its topic skipped, and without shrinking (COURSE_NO_SHRINK: the first counterexample is
//     the verdict).
// The answer key's runs also give the named input regions' counts under these seeds, checked
// against their floors as `npm run regions` does.
//
// Exit code 1 when a correct target failed a test, or a variant passed a test it names, under any seed.
import { randomInt } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { ALTERNATIVES_DIR, VARIANTS_DIR, type CatalogueEntry, loadCatalogue } from './catalogue.ts'
import { loadManifest, selectTopics } from '../grader/core/manifest.ts'
import { EXERCISES_DIR } from '../grader/core/paths.ts'
import { regionProblems, regionReport, topicSummaries } from './regions.ts'
import type { RawRun, RawTest } from '../grader/core/raw-results.ts'
import { runSuite } from '../grader/vitest/run-suite.ts'
import { Command } from 'commander'
import { seedList, wholeNumber } from './cli-options.ts'
import { mapLimited } from '../grader/core/pool.ts'
import { settingsEnv } from '../grader/core/settings.ts'

interface Target {
  kind: 'answer key' | 'alternatives' | 'variant'
  label: string
  /** The catalogue entries standing in for answer-key files (none for the answer key). */
  entries: CatalogueEntry[]
  topics: string[]
  /** Only these test files (a variant's). */
  files?: string[]
  /** `<topic>/<id>` of the tests left out (a variant's unnamed tests). */
  skip?: string[]
}

interface Finding {
  seed: number
  target: string
  what: string
  reproduce: string
}

function parseArgs(argv: string[]) {
  const program = new Command('npm run flaky --')
    .description('the suite under N random grading seeds: the answer key and the alternatives must pass, every wrong variant fail')
    .argument('[topics...]', 'topics by number, folder or name (default: all)')
    .option('-n, --number <count>', 'how many random seeds', wholeNumber(1, 1000), 20)
    .option('--seeds <list>', 'these seeds instead, separated by commas', seedList)
    .option('--concurrency <n>', 'test runs at once', wholeNumber(1, 4), 1)
    .option('--no-variants', 'leave the wrong variants out')
    .parse(argv, { from: 'user' })
  const flags = program.opts<{ number: number; seeds?: number[]; concurrency: number; variants: boolean }>()
  return { seeds: flags.seeds ?? Array.from({ length: flags.number }, () => randomInt(1, 2 ** 31)), concurrency: flags.concurrency, only: program.args, variants: flags.variants }
}

/** The test files of a topic that register each of `ids` (found in their source). */
function filesHolding(topic: string, ids: string[]): string[] {
  const dir = path.join(EXERCISES_DIR, topic)
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'))
  return files.filter((f) => {
    const source = readFileSync(path.join(dir, f), 'utf8')
    return ids.some((id) => source.includes(`graded('${id}'`) || source.includes(`graded("${id}"`))
  }).map((f) => `exercises/${topic}/${f}`)
}

function targetsFor(topics: string[], withVariants: boolean): Target[] {
  const alternatives = loadCatalogue(ALTERNATIVES_DIR).filter((a) => topics.includes(a.topic))
  const byTopic = new Map<string, CatalogueEntry[]>()
  for (const a of alternatives) byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), a])
  const rounds = Math.max(0, ...[...byTopic.values()].map((list) => list.length))
  const targets: Target[] = [{ kind: 'answer key', label: 'answer key', entries: [], topics }]
  for (let k = 0; k < rounds; k++) {
    const entries = [...byTopic.values()].flatMap((list) => (list[k] ? [list[k]!] : []))
    targets.push({ kind: 'alternatives', label: `alternatives #${k + 1}`, entries, topics: entries.map((e) => e.topic) })
  }
  if (!withVariants) return targets
  for (const v of loadCatalogue(VARIANTS_DIR).filter((v) => topics.includes(v.topic))) {
    const ids = Object.keys(loadManifest(v.topic).tests)
    targets.push({
      kind: 'variant',
      label: `variant ${v.name}`,
      entries: [v],
      topics: [v.topic],
      files: filesHolding(v.topic, v.mustFail),
      skip: ids.filter((id) => !v.mustFail.includes(id)).map((id) => `${v.topic}/${id}`),
    })
  }
  return targets
}

function reproduceCommand(seed: number, topic: string, entry: CatalogueEntry | undefined): string {
  const overrides = entry ? ` COURSE_OVERRIDES='${JSON.stringify({ [entry.replaces]: entry.file })}'` : ''
  return `COURSE_SEED=${seed} COURSE_TARGET=solutions${overrides} npx vitest run ${topic.slice(0, 2)}`
}

const testVerdict = (t: RawTest) => `${t.state}${t.outcome && t.outcome !== 'passed' ? ` (${t.outcome})` : ''}`

/** What went wrong with one target's run: for a correct target, tests not passed; for a variant, named tests passed. */
function judge(target: Target, seeds: number[], run: RawRun): Finding[] {
  const findings: Finding[] = []
  const bySeed = new Map<string, RawTest>()
  for (const file of run.topics) for (const t of file.tests) if (t.id !== undefined && t.seed !== undefined) bySeed.set(`${file.topic}/${t.id}@${t.seed}`, t)
  const entryOf = (topic: string) => target.entries.find((e) => e.topic === topic)
  const errors = [...run.unhandledErrors, ...run.topics.flatMap((t) => t.errors.map((e) => `${t.topic}: ${e}`)), ...run.watchdog.map((w) => `${w.topic}: ${w.message}`)]
  for (const topic of target.topics) {
    const ids = target.kind === 'variant' ? target.entries[0]!.mustFail : Object.keys(loadManifest(topic).tests)
    for (const seed of seeds) {
      const reproduce = reproduceCommand(seed, topic, entryOf(topic))
      for (const id of ids) {
        const t = bySeed.get(`${topic}/${id}@${seed}`)
        const passed = t?.state === 'passed'
        if (target.kind === 'variant' && passed) findings.push({ seed, target: target.label, what: `${id} passed: the variant is not caught under this seed`, reproduce })
        if (target.kind !== 'variant' && !passed) {
          findings.push({ seed, target: entryOf(topic) ? `alternative ${entryOf(topic)!.name}` : `answer key ${topic}`, what: `${id}: ${t ? testVerdict(t) : 'did not run'}${t?.failure ? ` (${t.failure.summary})` : t?.errors[0] ? ` (${t.errors[0]})` : ''}`, reproduce })
        }
      }
    }
  }
  // A correct target must also run cleanly; a variant that crashes its topic has still failed its tests.
  if (target.kind !== 'variant') for (const e of errors) findings.push({ seed: seeds[0]!, target: target.label, what: e.slice(0, 300), reproduce: '' })
  return findings
}

async function main(): Promise<void> {
  const { seeds, concurrency, only, variants } = parseArgs(process.argv.slice(2))
  const topics = selectTopics(only)
  const targets = targetsFor(topics, variants)
  const count = (kind: Target['kind']) => targets.filter((t) => t.kind === kind).reduce((n, t) => n + (kind === 'answer key' ? 1 : t.entries.length), 0)
  console.log(`flaky: ${seeds.length} seeds × (answer key + ${count('alternatives')} alternatives + ${count('variant')} variants) on ${topics.join(', ')}`)
  console.log(`seeds: ${seeds.join(',')}`)
  console.log(`(re-run exactly these with: npm run flaky -- --seeds ${seeds.join(',')}${only.length ? ` ${only.join(' ')}` : ''})\n`)

  const findings: Finding[] = []
  let answerKeyRun: RawRun | undefined
  const started = Date.now()
  let done = 0
  await mapLimited(targets, concurrency, async (target) => {
    const t0 = Date.now()
    const overrides = Object.fromEntries(target.entries.map((e) => [e.replaces, e.file]))
    const suite = await runSuite({
      target: 'solutions',
      topics: target.topics,
      ...(target.files ? { files: target.files } : {}),
      overrides,
      env: settingsEnv({ seeds, skipTests: target.skip, noShrink: target.kind === 'variant' || undefined }),
    })
    if (target.kind === 'answer key') answerKeyRun = suite.run
    const mine = judge(target, seeds, suite.run)
    findings.push(...mine)
    done++
    const tests = target.kind === 'variant' ? `${target.entries[0]!.mustFail.length} named tests` : `${target.topics.length} topics`
    const verdict = mine.length ? `${mine.length} PROBLEM(S)` : target.kind === 'variant' ? 'caught under every seed' : 'all passed under every seed'
    console.log(`[${done}/${targets.length}] ${target.label} (${tests}): ${verdict} in ${Math.round((Date.now() - t0) / 1000)} s`)
    for (const f of mine.slice(0, 10)) console.log(`    ✗ seed ${f.seed} · ${f.target} › ${f.what}${f.reproduce ? `\n      reproduce: ${f.reproduce}` : ''}`)
  })

  const minutes = ((Date.now() - started) / 60000).toFixed(1)
  const variantFindings = findings.filter((f) => f.target.startsWith('variant '))
  const correctFindings = findings.filter((f) => !f.target.startsWith('variant '))
  console.log(`\nflaky: ${targets.length} runs (answer key, ${count('alternatives')} alternatives in ${targets.filter((t) => t.kind === 'alternatives').length} rounds, ${count('variant')} variants) × ${seeds.length} seeds in ${minutes} min`)
  console.log(`  correct targets: ${correctFindings.length === 0 ? 'every test passed under every seed' : `${correctFindings.length} failure(s) under seeds ${[...new Set(correctFindings.map((f) => f.seed))].join(', ')}`}`)
  if (variants) {
    const escaped = [...new Set(variantFindings.map((f) => f.target))]
    console.log(`  wrong variants: ${count('variant') - escaped.length}/${count('variant')} fail every test they name under every seed${escaped.length ? `; not caught under some seed: ${escaped.join(', ')}` : ''}`)
  }
  let regionIssues: string[] = []
  if (answerKeyRun) {
    const report = regionReport(seeds, seeds.map((seed) => ({
      ...answerKeyRun!,
      topics: answerKeyRun!.topics.map((t) => ({ ...t, tests: t.tests.filter((x) => x.seed === seed) })),
    })))
    regionIssues = regionProblems(report)
    console.log(`  input regions of the answer key: ${report.rows.length} regions, ${regionIssues.length ? `${regionIssues.length} problem(s)` : 'every one above its floor under every seed'}`)
    for (const line of topicSummaries(report)) console.log(`    ${line}`)
    for (const p of regionIssues.slice(0, 30)) console.log(`    ✗ ${p}`)
  }
  for (const f of findings) console.log(`  seed ${f.seed} · ${f.target} › ${f.what}`)
  process.exitCode = findings.length || regionIssues.length ? 1 : 0
}

await main()

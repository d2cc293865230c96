// `npm run flaky [-- -n 20] [--seeds 7,8,9] [--concurrency 1] [NN …]`: the whole suite under N random
// grading seeds, against the answer key and every alternative solution in solutions/alternatives.
//
// A correct solution must pass under every seed the grader might pick, not just the students' seed.
// The seeds are drawn at random (crypto) and printed first, so any failure reproduces with
// `--seeds <seed>`, or with the command printed beside it. To keep it cheap, one test run covers
// every topic at once: the answer key in one run, then the first alternative of every topic in one
// run (each standing in for its own answer-key file), then the second, and so on.
//
// Exit code 1 when any test of any target failed under any seed.
import { randomInt } from 'node:crypto'
import { ALTERNATIVES_DIR, type CatalogueEntry, loadCatalogue } from './catalogue.ts'
import { topicsIn } from './manifest.ts'
import { runSuite } from './run-suite.ts'
import { scoreRun } from './scoring.ts'

interface Target {
  /** `answer key` or `alternatives #k`. */
  label: string
  /** The alternative standing in for each topic's file (none for the answer key). */
  entries: CatalogueEntry[]
  topics: string[]
}

interface Failure {
  seed: number
  target: string
  topic: string
  what: string
  reproduce: string
}

function parseArgs(argv: string[]) {
  const value = (flag: string) => {
    const i = argv.indexOf(flag)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const flags = new Set(['-n', '--seeds', '--concurrency'])
  const positional = argv.filter((a, i) => !a.startsWith('-') && !flags.has(argv[i - 1] ?? ''))
  const n = Number(value('-n') ?? 20)
  const seeds = value('--seeds')?.split(',').map((s) => Number(s.trim()))
  const concurrency = Number(value('--concurrency') ?? 1)
  if (!Number.isInteger(n) || n < 1) throw new Error(`-n must be a whole number ≥ 1, got ${value('-n')}`)
  if (seeds && !seeds.every(Number.isSafeInteger)) throw new Error(`--seeds must be integers separated by commas, got ${value('--seeds')}`)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 4) throw new Error('--concurrency must be 1 to 4')
  return { seeds: seeds ?? Array.from({ length: n }, () => randomInt(1, 2 ** 31)), concurrency, only: positional }
}

function targetsFor(topics: string[]): Target[] {
  const alternatives = loadCatalogue(ALTERNATIVES_DIR).filter((a) => topics.includes(a.topic))
  const byTopic = new Map<string, CatalogueEntry[]>()
  for (const a of alternatives) byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), a])
  const rounds = Math.max(0, ...[...byTopic.values()].map((list) => list.length))
  const targets: Target[] = [{ label: 'answer key', entries: [], topics }]
  for (let k = 0; k < rounds; k++) {
    const entries = [...byTopic.values()].flatMap((list) => (list[k] ? [list[k]!] : []))
    targets.push({ label: `alternatives #${k + 1}`, entries, topics: entries.map((e) => e.topic) })
  }
  return targets
}

function reproduceCommand(seed: number, topic: string, entry: CatalogueEntry | undefined): string {
  const overrides = entry ? ` COURSE_OVERRIDES='${JSON.stringify({ [entry.replaces]: entry.file })}'` : ''
  return `COURSE_SEED=${seed} COURSE_TARGET=solutions${overrides} npx vitest run ${topic.slice(0, 2)}`
}

async function main(): Promise<void> {
  const { seeds, concurrency, only } = parseArgs(process.argv.slice(2))
  const topics = topicsIn().filter((t) => only.length === 0 || only.some((o) => t.startsWith(o)))
  if (topics.length === 0) throw new Error(`no topic matches ${only.join(', ')}`)
  const targets = targetsFor(topics)
  const alternativeCount = targets.reduce((n, t) => n + t.entries.length, 0)
  console.log(`flaky: ${seeds.length} seeds × (answer key + ${alternativeCount} alternatives) on ${topics.join(', ')}`)
  console.log(`seeds: ${seeds.join(',')}`)
  console.log(`(re-run exactly these with: npm run flaky -- --seeds ${seeds.join(',')}${only.length ? ` ${only.join(' ')}` : ''})\n`)

  const jobs = seeds.flatMap((seed) => targets.map((target) => ({ seed, target })))
  const failures: Failure[] = []
  const started = Date.now()
  let done = 0
  let next = 0
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
    while (next < jobs.length) {
      const { seed, target } = jobs[next++]!
      const t0 = Date.now()
      const overrides = Object.fromEntries(target.entries.map((e) => [e.replaces, e.file]))
      const suite = await runSuite({ target: 'solutions', topics: target.topics, overrides, seed })
      const score = scoreRun(suite.run, { topics: target.topics })
      const mine: Failure[] = []
      for (const t of score.topics) {
        const entry = target.entries.find((e) => e.topic === t.topic)
        const name = entry ? `alternative ${entry.name}` : `answer key ${t.topic}`
        const reproduce = reproduceCommand(seed, t.topic, entry)
        if (t.status !== 'passed' && t.reason) mine.push({ seed, target: name, topic: t.topic, what: `${t.status}: ${t.reason}`, reproduce })
        for (const x of t.tests.filter((x) => x.status !== 'passed')) {
          mine.push({ seed, target: name, topic: t.topic, what: `${x.id}: ${x.status}${x.failure ? ` (${x.failure.summary})` : x.message ? ` (${x.message})` : ''}`, reproduce })
        }
      }
      failures.push(...mine)
      done++
      const tests = score.topics.reduce((n, t) => n + t.tests.length, 0)
      console.log(`[${done}/${jobs.length}] seed ${seed} · ${target.label} (${target.topics.length} topics, ${tests} tests): ${mine.length ? `${mine.length} FAILED` : 'all passed'} in ${Math.round((Date.now() - t0) / 1000)} s`)
      for (const f of mine) console.log(`    ✗ ${f.target} › ${f.what}\n      reproduce: ${f.reproduce}`)
    }
  }))

  const minutes = ((Date.now() - started) / 60000).toFixed(1)
  console.log(`\nflaky: ${jobs.length} runs (${seeds.length} seeds × ${targets.length} targets: answer key + ${alternativeCount} alternatives) in ${minutes} min`)
  if (failures.length === 0) {
    console.log('flaky: no failures')
  } else {
    console.log(`flaky: ${failures.length} failure(s) under seeds ${[...new Set(failures.map((f) => f.seed))].join(', ')}`)
    for (const f of failures) console.log(`  seed ${f.seed} · ${f.target} › ${f.what}`)
  }
  process.exitCode = failures.length ? 1 : 0
}

await main()

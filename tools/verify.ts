// `npm run verify`: the maintainers' proof that the course grades correctly.
//   1. the course's TypeScript type-checks (answer key, stubs, tests, grader);
//   2. every manifest is valid and matches the tests exactly (no test without points, no points
//      without a test);
//   3. the answer key passes every test, and every graded property reaches each of its named input
//      regions at least as often as the region's floor, under each of VERIFY_SEEDS (see regions.ts);
//   4. every stub fails every graded test with "not implemented", and the run completes;
//   5. every topic has at least one wrong variant and one alternative, every wrong variant in
//      solutions/variants fails the tests it names;
//   6. every alternative solution in solutions/alternatives scores full marks;
//   7. a student release builds, installs from nothing and starts every topic at 0 points, contains
//      nothing of the answer key, and reaches full points on a topic with the answer key's files
//      (skipped when checking only some topics, or with --no-release);
//   8. the project's own unit tests pass (skipped when checking only some topics: they test the
//      grader and the tools, not a topic).
// `npm run verify -- 10` checks one topic: what a teacher adding or changing a topic runs.
// Exits non-zero if any check fails; prints what failed and why.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ALTERNATIVES_DIR, VARIANTS_DIR, type CatalogueEntry, loadCatalogue } from './catalogue.ts'
import { type Manifest, compareWithTests, loadManifest, selectTopics } from '../grader/core/manifest.ts'
import { renderLessonMarkdown } from '../grader/report/lessons.ts'
import { COURSE_ROOT } from '../grader/core/paths.ts'
import { VERIFY_SEEDS, measureRegions, regionProblems, topicSummaries } from './regions.ts'
import { STUDENT_SEED } from '../grader/core/test-seed.ts'
import { runSuite, VITEST_BIN } from '../grader/vitest/run-suite.ts'
import { buildRelease } from './release/build-release.ts'
import { type ReleaseFacts, dynamicProblems, staticProblems } from './release/check-release.ts'
import { type Score, scoreRun } from '../grader/core/scoring.ts'
import { Command } from 'commander'
import { mapLimited } from '../grader/core/pool.ts'
import { runCommand } from '../grader/core/run-command.ts'
import { settingsEnv } from '../grader/core/settings.ts'

const useColor = process.stdout.isTTY && !process.env.NO_COLOR
const mark = (ok: boolean) => (ok ? (useColor ? '\x1b[32m✓\x1b[0m' : '✓') : useColor ? '\x1b[31m✗\x1b[0m' : '✗')
let failures = 0

function check(ok: boolean, title: string, details: string[] = []): void {
  if (!ok) failures++
  console.log(`${mark(ok)} ${title}`)
  for (const d of details) console.log(`    ${d}`)
}

async function main(): Promise<void> {
  const started = Date.now()
  const program = new Command('npm run verify --')
    .description('proves the course: types, lint, manifests, the answer key, regions, stubs, wrong variants, alternatives, unit tests')
    .argument('[topics...]', 'topics by number, folder or name (default: all; the release is checked only with all)')
    .option('--no-release', 'leave out the check of the student release')
    .parse(process.argv.slice(2), { from: 'user' })
  const { release: checkRelease } = program.opts<{ release: boolean }>()
  const topics = selectTopics(program.args)

  const tsc = await run(process.execPath, [path.join(COURSE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'])
  check(tsc.code === 0, 'types: the course type-checks (tsc, strict)', tsc.code === 0 ? [] : tsc.output.trim().split('\n').slice(0, 20))
  const lint = await run(process.execPath, [path.join(COURSE_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.'])
  check(lint.code === 0, 'lint: typescript-eslint recommended rules (eslint.config.mjs)', lint.code === 0 ? [] : lint.output.trim().split('\n').slice(0, 30))

  const manifestProblems: string[] = []
  for (const topic of topics) {
    try {
      manifestProblems.push(...lessonProblems(topic, loadManifest(topic)))
    } catch (error) {
      manifestProblems.push((error as Error).message)
    }
  }

  const solutions = await runSuite({ target: 'solutions', topics })
  for (const topic of topics) {
    const registered = solutions.run.topics.filter((t) => t.topic === topic).flatMap((t) => t.tests.map((x) => x.id ?? `(no id: ${x.title})`))
    if (!manifestProblems.some((p) => p.includes(topic))) manifestProblems.push(...compareWithTests(loadManifest(topic), registered))
  }
  const testCount = topics.reduce((n, t) => n + Object.keys(safeManifestTests(t)).length, 0)
  check(manifestProblems.length === 0, `manifests: ${topics.length} topics, ${testCount} graded tests, each with points, a hint in both languages, a zh-TW title and a lesson section that exists`, manifestProblems)

  const key = scoreRun(solutions.run, { topics })
  check(key.total === key.max && key.max > 0, `answer key: ${key.total}/${key.max} points`, failedTests(key))

  // The answer key's run above is the students' seed's (unless COURSE_SEED says otherwise): reuse it.
  const regions = await measureRegions(topics, VERIFY_SEEDS, new Map(process.env.COURSE_SEED ? [] : [[STUDENT_SEED, solutions.run]]))
  const regionIssues = regionProblems(regions)
  const properties = new Set(regions.rows.map((r) => `${r.topic} ${r.test} ${r.property}`)).size
  check(
    regionIssues.length === 0 && regions.rows.length > 0,
    `input regions: ${regions.rows.length} named regions of ${properties} properties, each reached at least as often as its floor under seeds ${VERIFY_SEEDS.join(', ')}`,
    [...topicSummaries(regions), ...regionIssues.slice(0, 40)],
  )

  const stubs = await runSuite({ target: 'exercises', topics })
  const stubScore = scoreRun(stubs.run, { topics })
  const notCleanly = stubScore.topics.flatMap((t) => t.tests.filter((x) => x.status !== 'not-implemented').map((x) => `${t.topic} › ${x.id}: ${x.status}${x.failure ? ` (${x.failure.summary})` : x.message ? ` (${x.message})` : ''}`))
  const crashes = [...stubs.run.unhandledErrors, ...stubs.run.topics.flatMap((t) => t.errors.map((e) => `${t.topic}: ${e}`))]
  check(
    notCleanly.length === 0 && crashes.length === 0 && stubScore.total === 0,
    `stubs: every graded test fails with "not implemented" (${stubScore.total}/${stubScore.max} points) and the run completes`,
    [...notCleanly, ...crashes].slice(0, 20),
  )

  const variants = loadCatalogue(VARIANTS_DIR).filter((v) => topics.includes(v.topic))
  const alternatives = loadCatalogue(ALTERNATIVES_DIR).filter((a) => topics.includes(a.topic))
  // A topic proves its tests by catching at least one plausible mistake and passing at least one other correct solution.
  const unproven = topics.flatMap((topic) => [
    ...(variants.some((v) => v.topic === topic) ? [] : [`${topic}: no wrong variant in solutions/variants/${topic}/ (one file per mistake the tests must catch, with @replaces and @mustFail)`]),
    ...(alternatives.some((a) => a.topic === topic) ? [] : [`${topic}: no alternative in solutions/alternatives/${topic}/ (another correct solution, written differently, with @replaces)`]),
  ])
  check(unproven.length === 0, `catalogue: every topic has a wrong variant and an alternative solution`, unproven)
  const variantResults = await mapLimited(variants, 2, async (variant) => {
    const score = await scoreEntry(variant)
    const survived = variant.mustFail.filter((id) => score.topics[0]?.tests.find((t) => t.id === id)?.status === 'passed')
    const unknown = variant.mustFail.filter((id) => !(id in loadManifest(variant.topic).tests))
    const ok = variant.mustFail.length > 0 && survived.length === 0 && unknown.length === 0
    const why = !variant.mustFail.length ? 'declares no @mustFail tests' : unknown.length ? `names unknown tests: ${unknown.join(', ')}` : survived.length ? `passed ${survived.join(', ')}` : ''
    return { ok, line: `${mark(ok)} ${variant.name}: ${variant.description}${why ? ` — ${why}` : ''}` }
  })
  check(variantResults.every((r) => r.ok), `wrong variants: ${variantResults.filter((r) => r.ok).length}/${variants.length} fail the tests that must catch them`, variantResults.map((r) => r.line))

  const alternativeResults = await mapLimited(alternatives, 2, async (alternative) => {
    const topicScore = (await scoreEntry(alternative)).topics[0]!
    const ok = topicScore.score === topicScore.max
    return { ok, line: `${mark(ok)} ${alternative.name}: ${topicScore.score}/${topicScore.max} — ${alternative.description}`, failed: failedTests({ topics: [topicScore], total: 0, max: 0 }) }
  })
  if (alternatives.length) {
    check(alternativeResults.every((r) => r.ok), `alternative solutions: ${alternativeResults.filter((r) => r.ok).length}/${alternatives.length} score full marks`, alternativeResults.flatMap((r) => [r.line, ...(r.ok ? [] : r.failed.map((f) => `  ${f}`))]))
  }

  if (program.args.length === 0 && checkRelease) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'course-release-'))
    try {
      const release = buildRelease(out)
      const problems = staticProblems(release.out)
      const facts: ReleaseFacts = {}
      if (problems.length === 0) problems.push(...(await dynamicProblems(release.out, topics[0]!, facts)))
      const size = facts.installBytes ? `, ${(facts.installBytes / 1e6).toFixed(0)} MB installed` : ''
      check(
        problems.length === 0,
        `student release: ${release.files.length} files, ${release.hiddenTestsLeftOut.length} hidden test files and ${release.packagesLeftOut.length} maintainers' packages left out, no answer key${size}; npm run typecheck passes; a first npm test fits on one screen (${facts.firstRunLines ?? '?'} lines) with every topic "not started"; Classroom gets the points of all stubs, a mix and all done; ${topics[0]} with the answer key's files gets full points`,
        problems.slice(0, 20),
      )
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }

  if (program.args.length === 0) {
    const unit = await run(process.execPath, [VITEST_BIN, 'run', '--config', 'tools/vitest.unit.config.ts'])
    const summary = unit.output.split('\n').filter((l) => /Test Files|Tests /.test(l)).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
    check(unit.code === 0, `project unit tests${summary.length ? `: ${summary.join(', ')}` : ''}`, unit.code === 0 ? [] : unit.output.split('\n').slice(-40))
  } else {
    console.log(`- project unit tests: not run when checking only ${topics.join(', ')} (they test the grader and the tools; npm run verify runs them)`)
  }

  console.log(`\n${failures === 0 ? 'verify: all checks passed' : `verify: ${failures} check(s) failed`} in ${Math.round((Date.now() - started) / 1000)} s`)
  process.exitCode = failures === 0 ? 0 : 1
}

/** The lesson's formulas render, and each test's lesson anchor is one of its headings. */
function lessonProblems(topic: string, manifest: Manifest): string[] {
  let lesson
  try {
    lesson = renderLessonMarkdown(topic)
  } catch (error) {
    return [`${topic}: the lesson README.md cannot be read: ${(error as Error).message}`]
  }
  const ids = new Set(lesson.headings.map((h) => h.id))
  return [
    ...lesson.mathErrors.map((e) => `${topic}/README.md: a formula KaTeX cannot render: ${e}`),
    ...Object.entries(manifest.tests).filter(([, t]) => t.lesson && !ids.has(t.lesson)).map(([id, t]) => `${topic}: "${id}" points at #${t.lesson}, which is no heading of README.md`),
  ]
}

function safeManifestTests(topic: string): Record<string, unknown> {
  try {
    return loadManifest(topic).tests
  } catch {
    return {}
  }
}

async function scoreEntry(entry: CatalogueEntry): Promise<Score> {
  const suite = await runSuite({ target: 'solutions', topics: [entry.topic], overrides: { [entry.replaces]: entry.file } })
  return scoreRun(suite.run, { topics: [entry.topic] })
}

function failedTests(score: Score): string[] {
  return score.topics.flatMap((t) => [
    ...(t.status !== 'passed' && t.reason ? [`${t.topic}: ${t.status}: ${t.reason}`] : []),
    ...t.tests.filter((x) => x.status !== 'passed').map((x) => `${t.topic} › ${x.id}: ${x.status}${x.failure ? `\n      ${x.failure.summary}` : ''}`),
  ])
}

/** A maintainers' command from the course root, with the progress table off. */
const run = (command: string, args: string[]) => runCommand(command, args, { env: { ...process.env, ...settingsEnv({ quiet: true }) } })

await main()

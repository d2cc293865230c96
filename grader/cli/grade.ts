// `npm run grade -- <submissions> --out <dir>`: grades a class. `npm run grade -- merge <dirs> --out
// <dir>` combines shards. `npm run grade -- --sample --out reports/sample` grades the sample class.
import os from 'node:os'
import path from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { COURSE_ROOT } from '../core/paths.ts'
import { gradeBatch, removeScratch } from '../batch/batch.ts'
import { parseShard } from '../batch/discover.ts'
import { readRoster } from '../batch/roster.ts'
import { readCourseSecret } from '../core/seeds.ts'
import { mergeShards } from '../batch/merge.ts'
import { OUTPUT_FILES } from '../batch/outputs/write-outputs.ts'
import { createProgress } from '../batch/progress.ts'
import { DEFAULT_LIMITS, DEFAULT_RETRIES } from '../batch/run-vitest.ts'
import type { IsolationMode } from '../sandbox/isolation.ts'
import { stopAll } from '../sandbox/supervise.ts'
import { stopCheckers } from '../batch/typecheck.ts'

const positive = (what: string) => (text: string) => {
  const value = Number(text)
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`${what} must be a positive number`)
  return value
}
const integer = (what: string) => (text: string) => {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidArgumentError(`${what} must be a whole number`)
  return value
}

interface GradeFlags {
  out: string
  jobs: number
  timeout: number
  memory: number
  seed?: number
  topics?: string
  shard?: string
  retries: number
  maxOutput: number
  importTimeout?: number
  typecheck: boolean
  keepRunner: boolean
  isolation: IsolationMode
  cache?: string
  fresh?: boolean
  sample?: boolean
  quiet?: boolean
  secretFile?: string
  roster?: string
  assignment?: string
  html: boolean
}

const program = new Command('npm run grade --')
program.description('Grades students\' submissions with the course\'s tests, each in its own sandbox.').showHelpAfterError()

program
  .command('grade', { isDefault: true })
  .description('grade every submission in a folder: one sub-folder or .zip per student, named by the student\'s id')
  .argument('[submissions]', 'folder of submissions (not needed with --sample)')
  .requiredOption('-o, --out <dir>', 'output folder: results.json, grades.csv, junit.xml, summary.md, <id>/gradescope.json')
  .option('-j, --jobs <n>', 'submissions graded at the same time', positive('--jobs'), os.availableParallelism())
  .option('--timeout <seconds>', 'wall-clock limit per topic of a submission, a backstop behind the tests\' own time limits', positive('--timeout'), DEFAULT_LIMITS.topicTimeoutMs / 1000)
  .option('--memory <mb>', 'memory allowed to each test process', positive('--memory'), DEFAULT_LIMITS.memoryMb)
  .option('--seed <n>', 'one grading seed for everyone (default: each student\'s own from the course secret; without one, kept from an earlier run into --out, else random)', integer('--seed'))
  .option('--secret-file <file>', 'the course secret that each student\'s seed is derived from (default: COURSE_SECRET, COURSE_SECRET_FILE)')
  .option('--roster <file.csv>', 'the class list (a column id, optionally name, sis_user_id, login, section): who has not submitted, and who is who in gradebook.csv')
  .option('--assignment <name>', 'the gradebook column\'s name in gradebook.csv', 'ML exercises')
  .option('--topics <list>', 'topics to grade, e.g. 01,02 (default: all)')
  .option('--shard <i/n>', 'grade only shard i of n (a fixed slice of the class); give every shard the same --seed')
  .option('--retries <n>', 're-runs of a topic after a test hung or crashed its process', integer('--retries'), DEFAULT_RETRIES)
  .option('--max-output <kb>', 'output kept per run of a submission', positive('--max-output'), DEFAULT_LIMITS.outputBytes / 1024)
  .option('--import-timeout <seconds>', 'time allowed to load a topic\'s exercise code (default: the harness\'s 30 s)', positive('--import-timeout'))
  .option('--no-typecheck', 'skip the TypeScript check of the submitted files')
  .option('--no-keep-runner', 'start a new vitest main process for every run instead of one kept per job (slower)')
  .addOption(new Option('--isolation <mode>', 'auto: Linux namespaces where they work; namespaces: require them; node: permission model only').choices(['auto', 'namespaces', 'node']).default('auto'))
  .option('--cache <dir>', 'where finished students are kept (default: <out>/.grader/cache)')
  .option('--fresh', 'grade everyone again, ignoring cached results')
  .option('--no-html', 'skip the HTML reports (e.g. in shards; the merge writes them)')
  .option('--sample', 'grade the bundled sample class (built from the answer key into <out>/sample-class)')
  .option('-q, --quiet', 'no progress output')
  .action(async (submissions: string | undefined, flags: GradeFlags) => {
    const out = path.resolve(flags.out)
    if (flags.sample) {
      submissions = path.join(out, 'sample-class')
      // Loaded only here: the sample class is built from the answer key, which a student release lacks.
      const { SAMPLE_STUDENTS, buildSampleClass } = await import('../../tools/sample-class.ts')
      buildSampleClass(submissions)
      if (!flags.quiet) {
        console.error(`Sample class in ${path.relative(COURSE_ROOT, submissions) || submissions}:`)
        for (const s of SAMPLE_STUDENTS) console.error(`  ${s.id.padEnd(5)} ${s.story}`)
      }
    }
    const folder = submissions ?? program.error('give the folder of submissions, or --sample')
    const secret = readCourseSecret(process.env, flags.secretFile)
    // Shards are merged only if they graded with one seed policy; a random seed per shard would not be.
    if (flags.shard && flags.seed === undefined && !secret) program.error('--shard needs --seed or a course secret (COURSE_SECRET): give every shard the same one')
    if (!flags.quiet) console.error(secret && flags.seed === undefined ? `seeds: one per student, from the course secret in ${secret.source}` : flags.seed !== undefined ? `seed: ${flags.seed} for everyone` : 'seed: drawn at random (no course secret is set: set COURSE_SECRET so that regrades reproduce without --seed)')
    const started = Date.now()
    const outcome = await gradeBatch({
      submissions: path.resolve(folder),
      out,
      jobs: Math.floor(flags.jobs),
      topics: flags.topics?.split(',').map((t) => t.trim()).filter(Boolean),
      seed: flags.seed,
      secret: secret ?? null,
      roster: flags.roster ? readRoster(path.resolve(flags.roster)) : undefined,
      assignment: flags.assignment,
      shard: flags.shard ? parseShard(flags.shard) : undefined,
      limits: {
        topicTimeoutMs: flags.timeout * 1000,
        memoryMb: flags.memory,
        outputBytes: Math.floor(flags.maxOutput * 1024),
        ...(flags.importTimeout ? { importTimeoutMs: flags.importTimeout * 1000 } : {}),
      },
      retries: flags.retries,
      typecheck: flags.typecheck,
      isolation: flags.isolation,
      cacheDir: flags.cache,
      fresh: flags.fresh ?? false,
      html: flags.html,
      keepRunner: flags.keepRunner,
      progress: createProgress(process.stderr, flags.quiet),
    })
    const { batch } = outcome
    const failedToGrade = batch.students.filter((s) => s.status === 'error')
    if (!flags.quiet) {
      for (const warning of outcome.warnings) console.error(`warning: ${warning}`)
      console.error(
        `${batch.students.length} submissions (${outcome.graded} graded, ${outcome.cached} from the cache${failedToGrade.length ? `, ${failedToGrade.length} failed to grade` : ''}) in ${Math.round((Date.now() - started) / 1000)} s, ${batch.seedPolicy?.kind === 'secret' ? `seeds from the course secret (fingerprint ${batch.seedPolicy.fingerprint})` : `seed ${batch.seed}`}`,
      )
      console.error(`→ ${OUTPUT_FILES.map((f) => path.join(path.relative(process.cwd(), out) || '.', f)).join(', ')}, <id>/gradescope.json`)
    }
    if (failedToGrade.length) {
      console.error(`the grader failed on: ${failedToGrade.map((s) => s.id).join(', ')} (see results.json); run the command again to retry them`)
      process.exitCode = 1
    }
  })

program
  .command('merge')
  .description('combine the output folders of shards into the files one unsharded run writes')
  .argument('<dirs...>', 'output folders of the shards')
  .requiredOption('-o, --out <dir>', 'output folder for the merged results')
  .option('--no-html', 'skip the HTML reports')
  .action(async (dirs: string[], flags: { out: string; html: boolean }) => {
    const { batch, warnings } = await mergeShards(dirs.map((d) => path.resolve(d)), path.resolve(flags.out), { html: flags.html })
    for (const warning of warnings) console.error(`warning: ${warning}`)
    console.error(`merged ${dirs.length} shards: ${batch.students.length} submissions → ${flags.out}`)
  })

// Ctrl-C (or a CI cancel): end every sandbox now; finished students stay in the cache for next time.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll()
    stopCheckers()
    removeScratch()
    console.error(`\ninterrupted: students finished so far are kept in the cache; run the same command again to finish the batch`)
    process.exit(130)
  })
}

try {
  await program.parseAsync(process.argv)
} catch (error) {
  console.error(`grade: ${(error as Error).message}`)
  process.exitCode = 1
}

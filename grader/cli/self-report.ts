// `npm run report`: grades your own working copy with the teachers' engine (sandbox, student processes, a
// grading seed of its own) and writes your report: `report.html` and the lessons it links to, in
// the output folder (default reports/my-work), with the grader's cache in its `.grader/`. Nothing of
// a teacher's batch (class page, gradebook, results.json) is written.
//
// CI on GitHub Classroom runs it with --classroom (the points for Classroom's reporter) and
// --summary (the run page's summary); COURSE_SECRET, a repository or organization secret, gives
// each student a grading seed of their own that does not change between pushes.
import path from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import { writeFileAtomic } from '../core/atomic-write.ts'
import { gradeOne } from '../batch/grade-one.ts'
import { classroomResults, encodeForReporter } from '../batch/outputs/classroom.ts'
import { studentSummaryMarkdown } from '../batch/outputs/summary.ts'
import { seedNote } from '../core/seeds.ts'
import { currentLang } from '../core/lang.ts'
import { COURSE_ROOT } from '../core/paths.ts'
import { writeStudentReport } from '../report/index.ts'
import { readSetting } from '../core/settings.ts'

interface Flags {
  out: string
  id: string
  topics?: string
  seed?: number
  classroom?: string
  summary?: string
  html: boolean
}

const program = new Command('npm run report --')
  .description('Grade your own exercises the way your teacher will, and write an HTML report.')
  .option('-o, --out <dir>', 'output folder for report.html and its lessons', path.join('reports', 'my-work'))
  .option('--id <name>', 'the name on the report (with a course secret, it also chooses the grading seed)', readSetting('studentId') ?? 'my-work')
  .option('--topics <list>', 'topics to grade, e.g. 01,02 (default: all)')
  .option('--seed <n>', 'grading seed (default: from the course secret if one is set, else a random one kept in the output folder)', (text) => {
    const seed = Number(text)
    if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('--seed must be a whole number')
    return seed
  })
  .option('--classroom <file>', "also write the result for GitHub Classroom's autograding reporter (JSON, one entry per topic)")
  .option('--summary <file>', 'also write a Markdown summary (for $GITHUB_STEP_SUMMARY)')
  .option('--no-html', 'skip the HTML report')
  .action(async (flags: Flags) => {
    const out = path.resolve(flags.out)
    const lang = currentLang()
    const { student, warnings } = await gradeOne({
      source: COURSE_ROOT,
      exercisesOnly: true,
      id: flags.id,
      out,
      topics: flags.topics?.split(',').map((t) => t.trim()).filter(Boolean),
      seed: flags.seed,
      outputs: false,
    })
    for (const warning of warnings) console.error(`warning: ${warning}`)
    if (flags.classroom) {
      const results = classroomResults(student, lang)
      encodeForReporter(results) // refuses a result the reporter could not be handed
      writeFileAtomic(path.resolve(flags.classroom), `${JSON.stringify(results, null, 2)}\n`)
    }
    if (flags.summary) writeFileAtomic(path.resolve(flags.summary), studentSummaryMarkdown(student, lang))
    console.log(`${student.score.total}/${student.score.max} points (${seedNote(student.seedPolicy, student.seed)})`)
    if (flags.html) {
      const report = await writeStudentReport(out, student, { lang })
      console.log(`report: ${path.relative(process.cwd(), report)}`)
    }
  })

await program.parseAsync()

// `npm run report`: grades your own working copy with the teachers' engine (sandbox, student processes, a
// grading seed of its own), writes the HTML report under reports/ and prints its path.
// CI on a pull request runs it with --classroom to report points to GitHub Classroom.
import path from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import { writeFileAtomic } from './atomic-write.ts'
import { gradeOne } from './batch/grade-one.ts'
import { classroomResults } from './batch/outputs/classroom.ts'
import { currentLang } from './harness/lang.ts'
import { COURSE_ROOT } from './paths.ts'
import { assignDirNames } from './report/index.ts'

interface Flags {
  out: string
  id: string
  topics?: string
  seed?: number
  classroom?: string
}

const program = new Command('npm run report --')
  .description('Grade your own exercises the way your teacher will, and write an HTML report.')
  .option('-o, --out <dir>', 'output folder', path.join('reports', 'my-work'))
  .option('--id <name>', 'the name on the report', 'my-work')
  .option('--topics <list>', 'topics to grade, e.g. 01,02 (default: all)')
  .option('--seed <n>', 'grading seed (default: a random one, kept in the output folder)', (text) => {
    const seed = Number(text)
    if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('--seed must be a whole number')
    return seed
  })
  .option('--classroom <file>', 'also write the result for GitHub Classroom\'s autograding reporter (JSON)')
  .action(async (flags: Flags) => {
    const out = path.resolve(flags.out)
    const { student, warnings } = await gradeOne({
      source: COURSE_ROOT,
      exercisesOnly: true,
      id: flags.id,
      out,
      topics: flags.topics?.split(',').map((t) => t.trim()).filter(Boolean),
      seed: flags.seed,
    })
    for (const warning of warnings) console.error(`warning: ${warning}`)
    if (flags.classroom) writeFileAtomic(path.resolve(flags.classroom), `${JSON.stringify(classroomResults(student, currentLang()), null, 2)}\n`)
    const report = path.join(out, assignDirNames([student.id]).get(student.id)!, 'report.html')
    console.log(`${student.score.total}/${student.score.max} points (seed ${student.seed})`)
    console.log(`report: ${path.relative(process.cwd(), report)}`)
  })

await program.parseAsync()

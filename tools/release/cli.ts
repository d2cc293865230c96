// `npm run release -- --out <dir>`: the students' repository.
// `npm run release -- --gradescope <file.zip>`: the Gradescope autograder.
import path from 'node:path'
import { Command } from 'commander'
import { buildRelease } from './build-release.ts'
import { buildGradescopeZip } from './gradescope.ts'
import { readCourseSecret, secretFingerprint } from '../../grader/core/seeds.ts'

const program = new Command('npm run release --')
  .description('Build what students receive (a repository without the answer key) or the Gradescope autograder.')
  .option('-o, --out <dir>', 'write the student repository into this folder (outside the course)')
  .option('--gradescope <file.zip>', 'write the Gradescope autograder zip (setup.sh, run_autograder)')
  .option('--secret-file <file>', 'bundle this course secret into the Gradescope zip (default: COURSE_SECRET, COURSE_SECRET_FILE): each student\'s seed is derived from it')
  .action((flags: { out?: string; gradescope?: string; secretFile?: string }) => {
    if (!flags.out && !flags.gradescope) program.error('give --out <dir>, --gradescope <file.zip>, or both')
    if (flags.out) {
      const release = buildRelease(flags.out)
      console.log(`student repository: ${release.out} (${release.files.length} files; hidden tests left out: ${release.hiddenTestsLeftOut.length})`)
      console.log(`next: cd ${path.relative(process.cwd(), release.out) || '.'} && git init && npm install && npm test`)
    }
    if (flags.gradescope) {
      const secret = readCourseSecret({ COURSE_SECRET: process.env.COURSE_SECRET, COURSE_SECRET_FILE: process.env.COURSE_SECRET_FILE }, flags.secretFile)
      const zip = buildGradescopeZip(flags.gradescope, { secret })
      console.log(`Gradescope autograder: ${zip.file} (${zip.entries} files, ${(zip.bytes / 1e6).toFixed(1)} MB)`)
      console.log(
        secret
          ? `course secret: bundled from ${secret.source} (fingerprint ${secretFingerprint(secret.value)}): each student keeps one seed across resubmissions; keep the zip private`
          : 'course secret: none (set COURSE_SECRET or --secret-file): every submission will draw a random seed, and each result will say so',
      )
    }
  })

program.parse()

// `npm run release -- --out <dir>`: the students' repository.
// `npm run release -- --gradescope <file.zip>`: the Gradescope autograder.
import path from 'node:path'
import { Command } from 'commander'
import { buildRelease } from './build-release.ts'
import { buildGradescopeZip } from './gradescope.ts'

const program = new Command('npm run release --')
  .description('Build what students receive (a repository without the answer key) or the Gradescope autograder.')
  .option('-o, --out <dir>', 'write the student repository into this folder (outside the course)')
  .option('--gradescope <file.zip>', 'write the Gradescope autograder zip (setup.sh, run_autograder)')
  .action((flags: { out?: string; gradescope?: string }) => {
    if (!flags.out && !flags.gradescope) program.error('give --out <dir>, --gradescope <file.zip>, or both')
    if (flags.out) {
      const release = buildRelease(flags.out)
      console.log(`student repository: ${release.out} (${release.files.length} files; hidden tests left out: ${release.hiddenTestsLeftOut.length})`)
      console.log(`next: cd ${path.relative(process.cwd(), release.out) || '.'} && git init && npm install && npm test`)
    }
    if (flags.gradescope) {
      const zip = buildGradescopeZip(flags.gradescope)
      console.log(`Gradescope autograder: ${zip.file} (${zip.entries} files, ${(zip.bytes / 1e6).toFixed(1)} MB)`)
    }
  })

program.parse()

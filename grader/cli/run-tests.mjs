// `npm test` and `npm run watch` for students: vitest with the course's configuration, reporting
// through the progress table only (one screen: points per topic and each started topic's first
// real failure). `--full` adds vitest's own output before it: every failure, with its stack.
// Plain JavaScript, like check-node.mjs, so that it runs before anything is transformed.
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const args = process.argv.slice(2)
process.env.COURSE_STUDENT_RUN = '1'
if (args.includes('--full')) process.env.COURSE_FULL_OUTPUT = '1'
const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
// vitest reads its command line from process.argv: the same as `vitest <args>`, without --full.
process.argv = [process.argv[0], vitest, ...args.filter((a) => a !== '--full')]
await import(pathToFileURL(vitest).href)

// The sample class: a few synthetic students, built at grading time from the answer key, its wrong
// variants, the stubs and hand-written broken and hostile files, so that a newcomer's first command
// grades something real. Nothing here is committed as a copy of the answer key.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { VARIANTS_DIR, loadCatalogue } from './catalogue.ts'
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../grader/core/paths.ts'
import { buildZip, type ZipEntryInput } from './zip-writer.ts'

export interface SampleStudent {
  id: string
  story: string
}

export const SAMPLE_STUDENTS: SampleStudent[] = [
  { id: 'ada', story: 'the answer key, as a whole repository (full marks)' },
  { id: 'ben', story: 'one typical mistake per topic, as a zip (partial credit)' },
  { id: 'cleo', story: 'the untouched stubs of 01 (0 points, "not started")' },
  { id: 'dan', story: 'a syntax error in 01, the rest correct (01 does not load)' },
  { id: 'eve', story: 'hostile zip: a function that never returns, a zip-slip entry and a link to /etc/passwd (contained; the rest of 01 still scores)' },
  { id: 'gus', story: 'hostile: the answer key, but process.exit(0) as soon as it loads (an exit code of 0 is not a pass: 0 points)' },
]

/** Topics that have both an exercise folder and an answer key. */
export function sampleTopics(): string[] {
  return readdirSync(EXERCISES_DIR).filter((t) => /^\d\d-/.test(t) && existsSync(path.join(SOLUTIONS_DIR, t))).sort()
}

/** Writes the sample class into `dir` (replacing what was there) and returns its students. */
export function buildSampleClass(dir: string): SampleStudent[] {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const topics = sampleTopics()
  const first = topics[0]
  if (!first) throw new Error('the sample class needs at least one topic with an answer key in solutions/')

  // ada: a whole repository, as a student's clone would be.
  for (const topic of topics) for (const [name, code] of answerKey(topic)) write(dir, `ada/exercises/${topic}/${name}`, code)
  write(dir, 'ada/package.json', '{ "name": "not-used-by-the-grader" }\n')
  write(dir, 'ada/README.md', '# my exercises\n')

  // ben: a zip of the exercises folder with one wrong variant per topic.
  const ben: ZipEntryInput[] = []
  for (const topic of topics) for (const [name, code] of withVariant(topic)) ben.push({ name: `exercises/${topic}/${name}`, data: code })
  writeFileSync(path.join(dir, 'ben.zip'), buildZip(ben))

  // cleo: the stubs of the first topic, untouched.
  for (const [name, code] of stubs(first)) write(dir, `cleo/${first}/${name}`, code)

  // dan: a syntax error in the first topic; the others right.
  for (const topic of topics) {
    for (const [name, code] of answerKey(topic)) write(dir, `dan/exercises/${topic}/${name}`, topic === first ? `${code}\nexport function unfinished( {\n` : code)
  }

  // eve: the answer key with one function that never returns, plus entries the stager must refuse.
  const [mainFile, mainCode] = answerKey(first)[0]!
  const eve: ZipEntryInput[] = answerKey(first).map(([name, code]) => ({ name: `exercises/${first}/${name}`, data: name === mainFile ? neverReturns(code) : code }))
  eve.push({ name: '../../escaped.ts', data: 'export const escaped = true\n' })
  eve.push({ name: `exercises/${first}/passwd.ts`, data: '/etc/passwd', symlink: true })
  writeFileSync(path.join(dir, 'eve.zip'), buildZip(eve))

  // gus: ends the test process as soon as the topic loads.
  write(dir, `gus/${first}/${mainFile}`, `${mainCode}\n${HOSTILE_EXIT}`)
  return SAMPLE_STUDENTS
}

const HOSTILE_EXIT = `// Quit "successfully" before any test runs, hoping that an exit code of 0 reads as a pass.
process.exit(0)
`
/**
 * The answer key with an endless loop just before the first `return` of one exported function
 * (01's quotientDelta: its argument checks still run, so only its main test hangs).
 */
function neverReturns(code: string): string {
  const functions = [...code.matchAll(/export function (\w+)\(/g)]
  const chosen = functions.find((m) => m[1] === 'quotientDelta') ?? functions.at(-1)
  if (!chosen) return `${code}\nfor (;;) { /* never returns */ }\n`
  const at = code.indexOf('return ', chosen.index)
  return `${code.slice(0, at)}for (;;) { /* never returns */ }\n  ${code.slice(at)}`
}

function write(root: string, relative: string, content: string): void {
  const file = path.join(root, relative)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, content)
}

const isSource = (name: string) => name.endsWith('.ts') && !/\.(test|spec|d)\.ts$/.test(name)

function answerKey(topic: string): Array<[string, string]> {
  const dir = path.join(SOLUTIONS_DIR, topic)
  return readdirSync(dir).filter(isSource).sort().map((name) => [name, readFileSync(path.join(dir, name), 'utf8')])
}

function stubs(topic: string): Array<[string, string]> {
  const dir = path.join(EXERCISES_DIR, topic)
  return readdirSync(dir).filter(isSource).sort().map((name) => [name, readFileSync(path.join(dir, name), 'utf8')])
}

/**
 * The answer key with its first wrong variant in place. A variant re-exports the answer key from
 * `../../NN-topic/file.ts`; in a student's folder that file is the variant itself, so the answer
 * key goes beside it as `file-key.ts` and the import is pointed there.
 */
function withVariant(topic: string): Array<[string, string]> {
  const files = new Map(answerKey(topic))
  const variant = loadCatalogue(VARIANTS_DIR).find((v) => v.topic === topic)
  if (!variant) return [...files]
  const replaced = path.basename(variant.replaces)
  const key = replaced.replace(/\.ts$/, '-key.ts')
  const code = readFileSync(variant.file, 'utf8').replace(
    new RegExp(String.raw`(['"])\.\./\.\./${topic}/([\w.-]+?)(\.ts)?\1`, 'g'),
    (_whole, quote: string, name: string) => (`${name}.ts` === replaced ? `${quote}./${key}${quote}` : `${quote}./${name}.ts${quote}`),
  )
  files.set(key, files.get(replaced) ?? '')
  files.set(replaced, code)
  return [...files]
}

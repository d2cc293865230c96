// Submissions for the batch grader's tests, built from topic 01's answer key and stub: honest ones,
// broken ones, and hostile ones that try to escape, cheat or take the grader down.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../core/paths.ts'
import { buildZip } from '../../tools/zip-writer.ts'

export const TOPIC = '01-limits'
export const KEY_FILE = path.join(SOLUTIONS_DIR, TOPIC, 'limits.ts')
export const KEY = readFileSync(KEY_FILE, 'utf8')
export const STUB = readFileSync(path.join(EXERCISES_DIR, TOPIC, 'limits.ts'), 'utf8')

/** Writes `exercises/01-limits/limits.ts` = `code` (if given) and any other files under `<dir>/<id>/`. */
export function folder(dir: string, id: string, files: Record<string, string> = {}, code?: string): string {
  const root = path.join(dir, id)
  const all = code === undefined ? files : { [`exercises/${TOPIC}/limits.ts`]: code, ...files }
  mkdirSync(root, { recursive: true })
  for (const [relative, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true })
    writeFileSync(path.join(root, relative), content)
  }
  return root
}

/** The answer key with `code` put just before the first `return` of `fn`. */
export function keyWithin(fn: string, code: string): string {
  const at = KEY.indexOf('return ', KEY.indexOf(`export function ${fn}(`))
  return `${KEY.slice(0, at)}${code}\n  ${KEY.slice(at)}`
}

/** The answer key without one exported function. */
export function keyWithout(fn: string): string {
  return KEY.replace(`export function ${fn}(`, `function ${fn}_removed(`)
}

/** The answer key with one function's body replaced. */
export function keyReplacing(fn: string, body: string): string {
  const start = KEY.indexOf(`export function ${fn}(`)
  const open = KEY.indexOf('{', KEY.indexOf(')', start))
  let depth = 0
  let end = open
  for (; end < KEY.length; end++) {
    if (KEY[end] === '{') depth++
    if (KEY[end] === '}' && --depth === 0) break
  }
  return `${KEY.slice(0, open)}{\n  ${body}\n}${KEY.slice(end + 1)}`
}

export interface HostileOptions {
  /** A file outside the workspace and the output folder that no student may create. */
  canaryDir: string
  /** The batch's output folder. */
  outDir: string
  /** A TCP port on 127.0.0.1 that counts connections. */
  port: number
}

/** Every hostile and broken case of the issue, as submissions in `dir`. Returns their ids. */
export function buildHostileClass(dir: string, o: HostileOptions): void {
  mkdirSync(dir, { recursive: true })
  folder(dir, 'key', {}, KEY)
  folder(dir, 'stubs', {}, STUB)
  folder(dir, 'partial', {}, keyReplacing('sumRuleDelta', 'return (eps) => Math.min(deltaF(eps), deltaG(eps))'))

  folder(dir, 'loop-at-import', {}, `${KEY}\nfor (;;) { /* never ends */ }\n`)
  folder(dir, 'loop-in-function', {}, keyWithin('quotientDelta', 'for (;;) { /* never ends */ }'))
  folder(dir, 'never-settles', {}, `${KEY}\nawait new Promise(() => {})\n`)
  folder(dir, 'recursion', {}, keyReplacing('limit', 'return limit(f, a + 1)'))
  folder(dir, 'huge-allocation', {}, keyWithin('quotientDelta', 'const hoard: Float64Array[] = []\n  for (;;) hoard.push(new Float64Array(1 << 20).fill(eps))'))
  folder(dir, 'exit-at-import', {}, `${KEY}\nprocess.exit(0)\n`)
  folder(dir, 'kill-parent', {}, `${KEY}\nprocess.kill(process.ppid, 'SIGKILL')\n`)
  folder(dir, 'spawn', {}, `${KEY}\nconst { execSync } = require('node:child_process')\nexecSync('touch ${o.canaryDir}/spawned')\n`)
  folder(dir, 'read-key', { [`exercises/${TOPIC}/copy.ts`]: KEY }, `import { readFileSync } from 'node:fs'\nexport * from './copy.ts'\nconsole.log(readFileSync('${KEY_FILE}', 'utf8'))\n`)
  // Past the import checks, through the runner's own importActual (reached by a computed name): the
  // permission model and the sandbox's view of the file system must still say no.
  folder(dir, 'write-outputs', {}, `${KEY}
const runner = (globalThis as Record<string, any>)[['__vi', 'test_index__'].join('')]
let fs: any
try { fs = await runner.vi.importActual('node:fs') } catch (error) { console.log('no fs:', (error as Error).message) }
for (const attempt of [
  () => fs.writeFileSync('${o.outDir}/results.json', '{}'),
  () => fs.writeFileSync('${o.canaryDir}/written', 'x'),
  () => console.log('KEY:' + fs.readFileSync('${KEY_FILE}', 'utf8')),
]) {
  try { attempt() } catch (error) { console.log('refused:', (error as Error).message) }
}
`)
  folder(dir, 'socket', {}, `${KEY}\nconst g = globalThis as Record<string, any>\ntry { await g.fetch?.('http://127.0.0.1:${o.port}/') } catch {}\ntry { if (g.WebSocket) new g.WebSocket('ws://127.0.0.1:${o.port}/') } catch {}\n`)
  folder(dir, 'print-100mb', {}, `${KEY}\nconst megabyte = 'x'.repeat(1 << 20)\nfor (let i = 0; i < 100; i++) process.stdout.write(megabyte)\n`)
  folder(dir, 'patch-expect', {}, `${STUB}\nconst g = globalThis as Record<string, any>\nconst runner = g[['__vi', 'test_index__'].join('')]\ntry { runner.expect.extend({ toBe: () => ({ pass: true, message: () => '' }) }) } catch {}\ntry { runner.test('limit.lecture [2 pts]', () => {}) } catch {}\n`)
  folder(dir, 'patch-math', {}, `${KEY}\n;(Math as { abs: (x: number) => number }).abs = () => 0\n`)
  folder(dir, 'patch-array', {}, `${KEY}\nconst map = Array.prototype.map\nArray.prototype.map = function (this: unknown[], f: never) { return map.call(this, f) } as typeof map\n`)
  folder(dir, 'throws-non-error', {}, keyReplacing('limit', "throw 'not an Error'"))
  folder(dir, 'syntax-error', {}, `${KEY}\nexport function broken( {\n`)
  folder(dir, 'type-error', {}, keyWithin('quotientDelta', "const label: string = eps"))
  folder(dir, 'missing-export', {}, keyWithout('findCounterexample'))
  mkdirSync(path.join(dir, 'empty-folder'))
  writeFileSync(path.join(dir, 'empty-zip.zip'), buildZip([]))
  writeFileSync(path.join(dir, 'corrupt-zip.zip'), Buffer.from('PK\u0003\u0004 this is not really a zip file', 'latin1'))
  writeFileSync(
    path.join(dir, 'zip-slip.zip'),
    buildZip([
      { name: `exercises/${TOPIC}/limits.ts`, data: KEY },
      { name: `../../../../../../${o.canaryDir.slice(1)}/slipped.ts`, data: 'export {}' },
      { name: `${o.canaryDir}/absolute.ts`, data: 'export {}' },
      { name: `exercises/${TOPIC}/link.ts`, data: KEY_FILE, symlink: true },
    ]),
  )
  const linked = folder(dir, 'symlink-outside', {})
  mkdirSync(path.join(linked, 'exercises', TOPIC), { recursive: true })
  symlinkSync(KEY_FILE, path.join(linked, 'exercises', TOPIC, 'limits.ts'))
  folder(dir, 'bad-file-name', {}, KEY)
  writeFileSync(Buffer.from(`${dir}/bad-file-name/exercises/${TOPIC}/caf\xe9-\xff.ts`, 'latin1'), 'export {}')
  // A submission whose own name is not valid UTF-8.
  const badName = Buffer.from(`${dir}/bad-\xff-name`, 'latin1')
  mkdirSync(Buffer.concat([badName, Buffer.from(`/${TOPIC}`)]), { recursive: true })
  writeFileSync(Buffer.concat([badName, Buffer.from(`/${TOPIC}/limits.ts`)]), KEY)
}

// The batch grader's parts that need no test run: staging, discovery, shards, the grader's own files,
// the supervisor's limits, the sandbox and the output formats.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { XMLValidator } from 'fast-xml-parser'
import { afterAll, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../core/atomic-write.ts'
import { refuseOverlap } from '../batch/batch.ts'
import { ResultCache } from '../batch/cache.ts'
import { discoverSubmissions, inShard, parseShard, safeId } from '../batch/discover.ts'
import { mergeShards } from '../batch/merge.ts'
import { csvCell, gradesCsv } from '../batch/outputs/grades-csv.ts'
import { gradescopeResults } from '../batch/outputs/gradescope.ts'
import { junitXml } from '../batch/outputs/junit.ts'
import { summaryMarkdown } from '../batch/outputs/summary.ts'
import { stageSubmission } from '../batch/staging.ts'
import { detectSandbox, sandboxed, studentProcessFlags } from '../sandbox/isolation.ts'
import { UnsupportedNodeError, detectNodeFeatures } from '../sandbox/node-features.ts'
import { CappedOutput, supervise } from '../sandbox/supervise.ts'
import { stopCheckers, typeCheck } from '../batch/typecheck.ts'
import { COURSE_ROOT, SOLUTIONS_DIR } from '../core/paths.ts'
import { createServer } from 'node:net'
import { buildZip } from '../../tools/zip-writer.ts'
import type { BatchResult, StudentResult } from '../core/results.ts'
import type { Score } from '../core/scoring.ts'
import { KEY, KEY_FILE, TOPIC, folder } from './batch-fixtures.ts'

const work = mkdtempSync(path.join(os.tmpdir(), 'batch-units-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
let n = 0
const fresh = () => {
  const dir = path.join(work, `case-${++n}`)
  mkdirSync(dir)
  return dir
}
const stage = (source: string | Buffer, isZip = false) => {
  const workspace = path.join(fresh(), 'ws')
  mkdirSync(workspace)
  return stageSubmission(source, isZip, workspace, [TOPIC, '02-other'])
}

describe('staging', () => {
  it('takes only exercise sources from a whole repository, preferring its exercises folder', async () => {
    const root = folder(fresh(), 'alice', {
      'exercises/01-limits/limits.ts': KEY,
      'exercises/01-limits/limits.test.ts': 'the student\'s own "tests" are never used',
      'exercises/01-limits/manifest.json': '{"points": 1000}',
      'exercises/01-limits/helpers/extra.ts': 'export const x = 1',
      'solutions/01-limits/limits.ts': 'not this one',
      'package.json': '{}',
      'node_modules/evil/01-limits/limits.ts': 'nor this',
    })
    const staged = await stage(root)
    expect(staged.rejected).toBeUndefined()
    expect(staged.files).toEqual(['01-limits/helpers/extra.ts', '01-limits/limits.ts'])
    expect(readdirSync(path.join(staged.workspace, TOPIC)).sort()).toEqual(['helpers', 'limits.ts'])
  })

  it('accepts topic folders at the top and fills a left-out file with the course stub', async () => {
    const root = folder(fresh(), 'bob', { '01-limits/notes.ts': 'export {}' })
    const staged = await stage(root)
    expect(staged.files).toEqual(['01-limits/notes.ts'])
    expect(existsSync(path.join(staged.workspace, TOPIC, 'limits.ts'))).toBe(true)
    expect(staged.notes.join('\n')).toMatch(/limits.ts was not in the submission: the course's stub was used/)
  })

  it('refuses zip entries that climb out, absolute paths, backslashes and links, and writes nothing outside', async () => {
    const dir = fresh()
    const zip = path.join(dir, 'slip.zip')
    writeFileSync(zip, buildZip([
      { name: 'exercises/01-limits/limits.ts', data: KEY },
      { name: '../../outside.ts', data: 'x' },
      { name: 'exercises/01-limits/../../../up.ts', data: 'x' },
      { name: '/tmp/absolute.ts', data: 'x' },
      { name: 'exercises\\01-limits\\win.ts', data: 'x' },
      { name: 'exercises/01-limits/link.ts', data: '/etc/passwd', symlink: true },
    ]))
    const staged = await stage(zip, true)
    expect(staged.files).toEqual(['01-limits/limits.ts'])
    const notes = staged.notes.join('\n')
    expect(notes).toMatch(/outside.ts: its path climbs out/)
    expect(notes).toMatch(/up.ts: its path climbs out/)
    expect(notes).toMatch(/absolute.ts: it has an absolute path/)
    expect(notes).toMatch(/win.ts: its name contains "\\"/)
    expect(notes).toMatch(/link.ts: it is a symbolic link/)
    expect(readdirSync(dir)).toEqual(['slip.zip'])
  })

  it('follows a link inside the submission and refuses one that leads outside', async () => {
    const root = folder(fresh(), 'carol', { 'exercises/01-limits/real.ts': KEY })
    symlinkSync(path.join(root, 'exercises/01-limits/real.ts'), path.join(root, 'exercises/01-limits/limits.ts'))
    symlinkSync('/etc/passwd', path.join(root, 'exercises/01-limits/passwd.ts'))
    const staged = await stage(root)
    expect(staged.files).toEqual(['01-limits/limits.ts', '01-limits/real.ts'])
    expect(staged.notes.join('\n')).toMatch(/passwd.ts: it is a symbolic link to a file outside the submission/)
  })

  it('refuses names that are not valid UTF-8, in folders and zips', async () => {
    const root = folder(fresh(), 'dave', {}, KEY)
    writeFileSync(Buffer.from(`${root}/exercises/01-limits/\xff.ts`, 'latin1'), 'x')
    expect((await stage(root)).notes.join('\n')).toMatch(/\\xff.ts: its name is not valid UTF-8/)
    const zip = path.join(fresh(), 'bytes.zip')
    writeFileSync(zip, buildZip([{ name: `exercises/${TOPIC}/limits.ts`, data: KEY }, { name: Buffer.from('exercises/01-limits/\xfe.ts', 'latin1'), data: 'x' }]))
    expect((await stage(zip, true)).notes.join('\n')).toMatch(/\\xfe.ts: its name is not valid UTF-8/)
  })

  it('rejects empty folders, empty zips, corrupt zips and submissions without exercises', async () => {
    expect((await stage(fresh())).rejected).toMatch(/the folder is empty/)
    const dir = fresh()
    writeFileSync(path.join(dir, 'empty.zip'), buildZip([]))
    writeFileSync(path.join(dir, 'corrupt.zip'), 'PK\u0003\u0004 not a zip')
    expect((await stage(path.join(dir, 'empty.zip'), true)).rejected).toMatch(/the zip file is empty/)
    expect((await stage(path.join(dir, 'corrupt.zip'), true)).rejected).toMatch(/cannot be read/)
    expect((await stage(folder(fresh(), 'erin', { 'notes.txt': 'hi' }))).rejected).toMatch(/no exercise files found/)
  })

  it('refuses files that are too large, and hashes what it takes', async () => {
    const big = await stage(folder(fresh(), 'fay', { 'exercises/01-limits/big.ts': 'x'.repeat(600 * 1024) }, KEY))
    expect(big.notes.join('\n')).toMatch(/big.ts: it is larger than 512 KB/)
    const same = await stage(folder(fresh(), 'gil', {}, KEY))
    const other = await stage(folder(fresh(), 'hal', {}, `${KEY}\n// changed\n`))
    expect(same.hash).toBe((await stage(folder(fresh(), 'ida', {}, KEY))).hash)
    expect(other.hash).not.toBe(same.hash)
  })
})

describe('staging limits are per topic', () => {
  it('ten thousand extra files in one topic leave the other topics whole, and say which files were left out', async () => {
    const root = fresh()
    const files: Record<string, string> = { [`exercises/${TOPIC}/limits.ts`]: KEY, 'exercises/04-neighbour-search/search.ts': 'export const x = 1\n' }
    for (let i = 0; i < 10_000; i++) files[`exercises/${TOPIC}/a${String(i).padStart(5, '0')}.ts`] = 'export {}\n'
    folder(root, 'clutter', files)
    const workspace = path.join(fresh(), 'ws')
    mkdirSync(workspace)
    const staged = await stageSubmission(path.join(root, 'clutter'), false, workspace, [TOPIC, '04-neighbour-search'])
    expect(staged.files).toContain(`${TOPIC}/limits.ts`)
    expect(staged.files).toContain('04-neighbour-search/search.ts')
    expect(staged.topics).toEqual([TOPIC, '04-neighbour-search'])
    const note = staged.notes.find((line) => line.startsWith('left out'))
    expect(note).toMatch(new RegExp(`left out \\d+ file\\(s\\) of ${TOPIC} beyond its limit .*a00059\\.ts, .* and \\d+ more`))
  })
})

describe('the grader\'s own files', () => {
  it('a cache entry that is valid JSON but not a result is graded again, not trusted', () => {
    const dir = fresh()
    const cache = new ResultCache(dir)
    writeFileSync(path.join(dir, 'k1.json'), JSON.stringify({ hash: 'k1', score: {} }))
    expect(cache.get('k1')).toBeUndefined()
    writeFileSync(path.join(dir, 'k2.json'), '{"hash": "k2", "score"')
    expect(cache.get('k2')).toBeUndefined()
  })

  it('an atomic write that fails leaves no temporary file behind, and the old file as it was', () => {
    const dir = fresh()
    const target = path.join(dir, 'results.json')
    writeFileAtomic(target, 'old')
    // A folder in the way of the rename stands in for a disk that fails the write.
    const blocked = path.join(dir, 'blocked')
    mkdirSync(path.join(blocked, 'inside'), { recursive: true })
    expect(() => writeFileAtomic(blocked, 'new')).toThrow()
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(readFileSync(target, 'utf8')).toBe('old')
  })

  it('refuses an output folder that is the submissions folder or inside it, and allows the rest', () => {
    const root = fresh()
    const submissions = path.join(root, 'class')
    mkdirSync(submissions)
    expect(() => refuseOverlap(submissions, submissions)).toThrow(/must not be the submissions folder/)
    expect(() => refuseOverlap(submissions, path.join(submissions, 'out'))).toThrow(/must not be inside the submissions folder/)
    expect(() => refuseOverlap(submissions, path.join(submissions, 'deeper', 'out'))).toThrow(/inside the submissions folder/)
    expect(() => refuseOverlap(submissions, path.join(root, 'out'))).not.toThrow()
    expect(() => refuseOverlap(path.join(root, 'out', 'class'), path.join(root, 'out'))).not.toThrow()
  })
})

describe('discovery and shards', () => {
  it('reports every entry it does not grade, hidden ones included', () => {
    const root = fresh()
    folder(root, '.alice', {}, KEY)
    folder(root, 'bob', {}, KEY)
    writeFileSync(path.join(root, 'notes.txt'), 'x')
    const found = discoverSubmissions(root)
    expect(found.submissions.map((s) => s.id)).toEqual(['bob'])
    expect(found.ignored).toEqual([expect.stringMatching(/^\.alice: its name starts with "\."/), expect.stringMatching(/^notes.txt: not a folder or a .zip file/)])
  })

  it('names students safely and uniquely', () => {
    const dir = fresh()
    mkdirSync(path.join(dir, 'alice'))
    writeFileSync(path.join(dir, 'alice.zip'), buildZip([]))
    mkdirSync(path.join(dir, 'results.json'))
    mkdirSync(path.join(dir, 'bo b;rm -rf'))
    mkdirSync(path.join(dir, '.git'))
    writeFileSync(path.join(dir, 'readme.txt'), '')
    const { submissions, ignored } = discoverSubmissions(dir)
    expect(submissions.map((s) => s.id)).toEqual(['_results.json', 'alice', 'alice~2', 'bo_b_rm_-rf'])
    expect(ignored).toEqual([expect.stringMatching(/^\.git: its name starts with "\."/), 'readme.txt: not a folder or a .zip file'])
    expect(safeId('=cmd|calc')).toBe('_cmd_calc')
  })

  it('splits a class into disjoint shards that cover it, the same way every time', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `student-${i}`)
    const shards = [1, 2, 3].map((index) => ids.filter((id) => inShard(id, { index, count: 3 })))
    expect(shards.flat().sort()).toEqual([...ids].sort())
    expect(shards.every((s) => s.length > 5)).toBe(true)
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    expect(() => parseShard('4/3')).toThrow(/--shard/)
  })
})

describe('supervised processes', () => {
  it('ends a process that runs past its time, and one that holds too much memory', async () => {
    const slow = await supervise(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env: {}, cwd: work, limits: { wallClockMs: 1500, rssMb: 0, outputBytes: 1000 } })
    expect(slow.timedOut).toBe(true)
    const hog = await supervise(process.execPath, ['-e', 'const a = []; setInterval(() => a.push(Buffer.alloc(64 << 20, 1)), 20)'], { env: {}, cwd: work, limits: { wallClockMs: 30_000, rssMb: 300, outputBytes: 1000 } })
    expect(hog.timedOut).toBe(false)
    expect(hog.memoryKills[0]?.rssMb).toBeGreaterThan(300)
  })
  it('keeps the head and tail of a flood of output', () => {
    const capped = new CappedOutput(100)
    for (let i = 0; i < 1000; i++) capped.add(Buffer.from(`line ${i}\n`))
    const text = capped.text()
    expect(text.startsWith('line 0\n')).toBe(true)
    expect(text.endsWith('line 999\n')).toBe(true)
    expect(text).toMatch(/bytes of output not kept/)
  })
})

describe('sandbox', () => {
  const run = async (command: string[], script: string) => {
    const result = await supervise(command[0]!, [...command.slice(1), '-e', script], { env: { PATH: process.env.PATH }, cwd: work, limits: { wallClockMs: 30_000, rssMb: 0, outputBytes: 100_000 } })
    return JSON.parse(result.output.split('\n').find((l) => l.startsWith('{')) ?? '{}') as Record<string, string>
  }
  const attempts = (tries: Record<string, string>) =>
    `const fs = require('node:fs'); const out = {}; ${Object.entries(tries).map(([name, code]) => `try { ${code}; out[${JSON.stringify(name)}] = 'done' } catch (e) { out[${JSON.stringify(name)}] = e.code || e.message }`).join('\n')}; console.log(JSON.stringify(out))`

  it('the student processes\' permission model refuses the answer key, writes, child processes and workers', async () => {
    const dir = fresh()
    const allowed = path.join(dir, 'answers.fifo')
    const node = detectNodeFeatures()
    const flags = studentProcessFlags(node, { read: [path.join(COURSE_ROOT, 'node_modules')], write: [allowed], heapMb: 256 })
    const outcome = await run([process.execPath, ...flags], attempts({
      readKey: `fs.readFileSync(${JSON.stringify(KEY_FILE)})`,
      writeElsewhere: `fs.writeFileSync(${JSON.stringify(path.join(dir, 'other'))}, 'x')`,
      spawn: "require('node:child_process').execSync('true')",
      worker: "new (require('node:worker_threads').Worker)('0', { eval: true })",
      writeAllowed: `fs.appendFileSync(${JSON.stringify(allowed)}, 'x')`,
      // Node 25 and later: the permission model covers the network too.
      ...(node.permissionDeniesNetwork ? { listen: "require('node:net').createServer().listen(0)" } : {}),
    }))
    expect(outcome).toEqual({ readKey: 'ERR_ACCESS_DENIED', writeElsewhere: 'ERR_ACCESS_DENIED', spawn: 'ERR_ACCESS_DENIED', worker: 'ERR_ACCESS_DENIED', writeAllowed: 'done', ...(node.permissionDeniesNetwork ? { listen: 'ERR_ACCESS_DENIED' } : {}) })
  })

  it('the permission flags are found by trying this Node: the name it takes, fetch and the network', () => {
    const node = detectNodeFeatures()
    expect(node.version).toBe(process.version)
    // Node 22 takes both names; 24 and later only --permission.
    const major = Number(process.versions.node.split('.')[0])
    expect(node.permissionFlag).toBe('--permission')
    expect(node.noFetchFlags).toEqual(major < 24 ? ['--no-experimental-fetch'] : [])
    expect(node.permissionDeniesNetwork).toBe(major >= 25)
  })

  it('a Node whose permission model the grader cannot use is refused with what to do, not graded', () => {
    const dir = fresh()
    // A stand-in Node that refuses every permission flag, as Node 20 refuses --permission and 24 the old name.
    const fake = path.join(dir, 'node')
    writeFileSync(fake, `#!/bin/sh\ncase "$1" in -p) echo v0.0.1;; *) echo "bad option: $1" >&2; exit 9;; esac\n`, { mode: 0o755 })
    expect(() => detectNodeFeatures(fake)).toThrow(UnsupportedNodeError)
    expect(() => detectNodeFeatures(fake)).toThrow(/no permission model the grader can use.*needs Node\.js 22\.15/)
  })

  it.runIf(detectSandbox('auto').namespaces)('namespaces leave no network, a read-only course, hidden answers and no sight of the grader', async () => {
    let connections = 0
    const server = createServer((socket) => {
      connections++
      socket.destroy()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    const { file, args } = sandboxed(detectSandbox('namespaces'), [process.execPath], { readOnly: [COURSE_ROOT], hidden: [SOLUTIONS_DIR] })
    const outcome = await run([file, ...args], attempts({
      listAnswers: `if (fs.readdirSync(${JSON.stringify(SOLUTIONS_DIR)}).length) throw new Error('visible')`,
      writeCourse: `fs.writeFileSync(${JSON.stringify(path.join(COURSE_ROOT, 'pwned'))}, 'x')`,
      signalGrader: `process.kill(${process.pid}, 0)`,
    }) + `; require('node:net').connect(${port}, '127.0.0.1').on('error', (e) => console.log(JSON.stringify({ connect: e.code })))`)
    server.close()
    expect(outcome).toEqual({ listAnswers: 'done', writeCourse: 'EROFS', signalGrader: 'ESRCH' })
    expect(connections).toBe(0)
    expect(existsSync(path.join(COURSE_ROOT, 'pwned'))).toBe(false)
  })
})

describe('outputs', () => {
  const hint = { en: 'a hint', 'zh-TW': '提示' }
  const score = (points: number): Score => ({
    total: points,
    max: 3,
    topics: [{
      topic: TOPIC, title: hint, score: points, max: 3, status: points === 3 ? 'passed' : 'partial',
      tests: [
        { id: 'a.one', title: 'one <b>&</b>', points: Math.min(points, 2), max: 2, status: points >= 2 ? 'passed' : 'failed', hidden: false, hint, message: 'bad \u0001 value' },
        { id: 'a.two', title: 'two', points: points === 3 ? 1 : 0, max: 1, status: points === 3 ? 'passed' : 'timeout', hidden: true, hint },
      ],
    }],
  })
  const result = (id: string, points: number): StudentResult => ({ id, source: id, status: 'graded', score: score(points), seed: 7, durationMs: 1200, hash: id })
  const batch = (students: StudentResult[]): BatchResult => ({ courseVersion: 'v1', seed: 7, topics: [TOPIC], startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', students })

  it('writes grades.csv with the agreed header and defuses formulas', () => {
    expect(gradesCsv(batch([result('ann', 3), result('+bob', 0)]))).toBe('id,status,total,max,seed,01-limits\nann,graded,3,3,7,3\n\'+bob,graded,0,3,7,0\n')
    expect(csvCell('a,"b"')).toBe('"a,""b"""')
  })

  it('writes JUnit XML that parses, without characters XML cannot hold', () => {
    const xml = junitXml(batch([result('ann', 3), result('bo<b>', 0)]), 'en')
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml).not.toContain('\u0001')
    expect(xml).toMatch(/<testsuites [^>]*tests="4" failures="1" errors="1"/)
  })

  it('writes Gradescope results with hidden tests held back until the due date', () => {
    const gradescope = gradescopeResults(result('ann', 0), 'en')
    expect(gradescope).toMatchObject({ score: 0, execution_time: 1, stdout_visibility: 'hidden' })
    expect(gradescope.tests.map((t) => [t.name, t.score, t.max_score, t.status, t.visibility])).toEqual([
      ['01-limits › one <b>&</b>', 0, 2, 'failed', 'visible'],
      ['01-limits › two', 0, 1, 'failed', 'after_due_date'],
    ])
  })

  it('writes a summary whose table untrusted names cannot break', () => {
    const md = summaryMarkdown(batch([result('a|b<script>', 3)]))
    expect(md).toContain('| a\\|b&lt;script&gt; | graded | 3/3 | 3/3 | 7 |')
  })

  it('merges shards into what one run writes, and refuses shards graded differently', async () => {
    const whole = batch([result('ann', 3), result('bob', 1), result('cid', 0)])
    const dirs = whole.students.map((s, i) => {
      const dir = path.join(fresh(), `shard-${i}`)
      mkdirSync(dir)
      writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ ...whole, shard: { index: i + 1, count: 3 }, students: [s] }))
      return dir
    })
    const merged = await mergeShards(dirs.reverse(), path.join(fresh(), 'merged'), { html: false })
    expect(gradesCsv(merged.batch)).toBe(gradesCsv(whole))
    const odd = path.join(fresh(), 'odd')
    mkdirSync(odd)
    writeFileSync(path.join(odd, 'results.json'), JSON.stringify({ ...whole, shard: { index: 2, count: 3 }, seed: 8, students: [] }))
    await expect(mergeShards([dirs[0]!, odd], path.join(fresh(), 'm2'), { html: false })).rejects.toThrow(/seed 8 ≠ 7/)
    await expect(mergeShards([dirs[0]!, dirs[0]!, dirs[1]!], path.join(fresh(), 'm3'), { html: false })).rejects.toThrow(/given twice/)
    // Shard 1 of 3 alone, or two of three, is refused: a merge must never drop students silently.
    await expect(mergeShards([dirs[2]!], path.join(fresh(), 'm4'), { html: false })).rejects.toThrow(/shards 2\/3, 3\/3 are missing/)
    await expect(mergeShards([dirs[0]!, dirs[1]!], path.join(fresh(), 'm5'), { html: false })).rejects.toThrow(/shard 1\/3 is missing/)
    // Not a shard at all, and not a batch's results at all.
    const whole_ = path.join(fresh(), 'unsharded')
    mkdirSync(whole_)
    writeFileSync(path.join(whole_, 'results.json'), JSON.stringify(whole))
    await expect(mergeShards([whole_], path.join(fresh(), 'm6'), { html: false })).rejects.toThrow(/was not graded as a shard/)
    const junk = path.join(fresh(), 'junk')
    mkdirSync(junk)
    writeFileSync(path.join(junk, 'results.json'), JSON.stringify({ hash: 'x', score: {} }))
    await expect(mergeShards([junk], path.join(fresh(), 'm7'), { html: false })).rejects.toThrow(/is not a batch's results/)
  })
})

describe('the type check', () => {
  afterAll(() => stopCheckers())
  const staged = (id: string, code: string) => {
    const root = folder(path.join(work, 'typecheck'), id, {}, code)
    return path.join(root, 'exercises')
  }
  const scratch = () => mkdtempSync(path.join(work, 'tsc-'))
  const FILES = [`${TOPIC}/limits.ts`]

  it('names the type errors of the staged files, relative to the workspace, and none in the answer key', async () => {
    const wrong = staged('wrong', KEY.replace('export function quotientDelta(eps: number): number {', 'export function quotientDelta(eps: number): number {\n  const label: string = eps'))
    const found = await typeCheck(wrong, FILES, scratch(), 120_000)
    expect(found.problem).toBeUndefined()
    expect(found.errors).toEqual([{ topic: TOPIC, message: expect.stringMatching(new RegExp(`^${TOPIC}/limits.ts\\(\\d+,\\d+\\): error TS2322: Type 'number' is not assignable to type 'string'`)) }])
    expect(await typeCheck(staged('right', KEY), FILES, scratch(), 120_000)).toEqual({ errors: [] })
  })

  it('stops a check that overruns its time, and the next check still works', async () => {
    expect((await typeCheck(staged('slow', KEY), FILES, scratch(), 1)).problem).toMatch(/took longer than/)
    expect(await typeCheck(staged('after', KEY), FILES, scratch(), 120_000)).toEqual({ errors: [] })
  })
})

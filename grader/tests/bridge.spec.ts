// The bridge between the test process and a student process (grader/bridge/): what crosses, what
// comes back, and what happens when the student's process misbehaves. Each case runs real student
// processes on small modules written to a temporary target folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { StudentCrash, StudentLoadError, StudentTimeout, studentErrorInfo } from '../bridge/errors.ts'
import { StudentProcess, setCallDeadline } from '../bridge/student-process.ts'
import { decode, encode } from '../bridge/wire.ts'
import { COURSE_ROOT, SOLUTIONS_DIR } from '../core/paths.ts'
import { createRng } from '../../reference/public/rng.ts'
import { described } from '../../reference/oracles/described.ts'

const work = mkdtempSync(path.join(os.tmpdir(), 'bridge-spec-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const TOPIC = '01-limits'
let made = 0
const open: StudentProcess[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((student) => student.close()))
  setCallDeadline(undefined)
})

/** A target folder holding `files` in the topic folder; returns a way to call `file`'s exports. */
function student(files: Record<string, string>, entry = Object.keys(files)[0]!) {
  const target = path.join(work, `target-${++made}`)
  for (const [name, code] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(target, TOPIC, name)), { recursive: true })
    writeFileSync(path.join(target, TOPIC, name), code)
  }
  const process_ = new StudentProcess({ targetDir: target, topic: TOPIC })
  open.push(process_)
  const call = (name: string, ...args: unknown[]) => process_.call(path.join(target, TOPIC, entry), name, args)
  return { call, process: process_, target }
}

const thrown = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('it did not throw')
}

describe('values that cross', () => {
  const roundTrip = (value: unknown) => decode(encode(value, { fn: () => ({ t: 'fn', s: 'trusted', id: 0, name: '', text: '' }) }), { fn: () => () => 0, error: () => new Error() })

  it('keeps NaN, ±Infinity, −0, typed arrays, ArrayBuffers, Maps, Sets, shared and cyclic structure, and frozenness', () => {
    const shared = [1, 2]
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const back = roundTrip({ n: [NaN, Infinity, -Infinity, -0], t: new Float64Array([1, -0]), m: new Map([[1, 'x']]), s: new Set([2]), p: [shared, shared], c: cyclic, f: Object.freeze([1]) }) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- a decoded value of any shape
    expect(Object.is(back.n[3], -0)).toBe(true)
    expect(back.n.slice(0, 3)).toEqual([NaN, Infinity, -Infinity])
    expect(back.t).toBeInstanceOf(Float64Array)
    expect(Object.is(back.t[1], -0)).toBe(true)
    expect(back.m.get(1)).toBe('x')
    expect(back.s.has(2)).toBe(true)
    expect(back.p[0]).toBe(back.p[1])
    expect(back.c.self).toBe(back.c)
    expect(Object.isFrozen(back.f)).toBe(true)
    const bytes = new Uint8Array([1, 2, 255]).buffer
    const buffer = roundTrip({ w: bytes }) as { w: ArrayBuffer }
    expect(buffer.w).toBeInstanceOf(ArrayBuffer)
    expect(buffer.w).not.toBe(bytes)
    expect([...new Uint8Array(buffer.w)]).toEqual([1, 2, 255])
  })

  it('makes plain data of what arrives: no getter, no prototype but Object\'s, a "__proto__" key stays a key', () => {
    let reads = 0
    class Point {
      constructor(readonly x: number) {}
      get y() {
        reads++
        return 2
      }
    }
    const back = roundTrip([new Point(1), JSON.parse('{"__proto__": {"polluted": true}}')]) as [Record<string, unknown>, Record<string, unknown>]
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype)
    expect(back[0]).toEqual({ x: 1 })
    expect(reads).toBe(0)
    expect(Object.getPrototypeOf(back[1])).toBe(Object.prototype)
    expect(Object.keys(back[1])).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('calls into a student process', () => {
  it('returns results and errors of the realm of the tests, with the student\'s own file and line', () => {
    const { call } = student({ 'm.ts': 'export const add = (a: number, b: number): number => a + b\nexport function refuse(x: number): number {\n  if (x < 0) throw new RangeError(`x must not be negative, got ${x}`)\n  return x\n}\n' })
    expect(call('add', 2, 3)).toBe(5)
    const error = thrown(() => call('refuse', -1)) as Error
    expect(error).toBeInstanceOf(RangeError)
    expect(error.message).toBe('x must not be negative, got -1')
    expect(studentErrorInfo(error)).toEqual({})
    expect(error.stack).toMatch(/exercises\/01-limits\/m\.ts:3:\d+/)
  })

  it('mirrors what the student\'s code did to its arguments, and gives back an argument it returns as itself', () => {
    const { call } = student({ 'm.ts': 'export function push(a: number[]) { a.push(4); return a }\nexport function same(a: number[][]) { return a[1] }\nexport function keep(a: number[]) { return a.length }\nexport function bump(o: { n: number }) { o.n++; return 0 }\n' })
    const list = [1, 2, 3]
    expect(call('push', list)).toBe(list)
    expect(list).toEqual([1, 2, 3, 4])
    const nested = [[1], [2]]
    expect(call('same', nested)).toBe(nested[1])
    const untouched = [5]
    expect(call('keep', untouched)).toBe(1)
    expect(untouched).toEqual([5])
    const cyclic: { n: number; self?: unknown } = { n: 1 }
    cyclic.self = cyclic
    call('bump', cyclic)
    expect(cyclic.n).toBe(2)
    expect(cyclic.self).toBe(cyclic)
  })

  it('passes functions both ways, a test\'s error thrown in a callback comes back as itself, and rngs stay in step', () => {
    const { call } = student({
      'm.ts': 'export const twice = (f: (x: number) => number, x: number) => f(f(x))\nexport const adder = (k: number) => (x: number) => x + k\nexport const draw = (rng: () => number, n: number) => Array.from({ length: n }, () => rng())\nexport function swallow(f: () => number) { try { return f() } catch { return -1 } }\nexport function rethrow(f: () => number) { return f() }\n',
    })
    expect(call('twice', (x: number) => x * 3, 2)).toBe(18)
    const add5 = call('adder', 5) as (x: number) => number
    expect(add5(1)).toBe(6)
    expect(call('twice', add5, 0)).toBe(10)
    const rng = createRng(7)
    const twin = createRng(7)
    const drawn = call('draw', rng, 3) as number[]
    expect(drawn).toEqual([twin(), twin(), twin()])
    expect(rng()).toBe(twin())
    class Budget extends Error {}
    const original = new Budget('too many calls')
    expect(call('swallow', () => { throw original })).toBe(-1)
    expect(thrown(() => call('rethrow', () => { throw original }))).toBe(original)
  })

  it('runs a portable function on the student\'s side, from its source and scope, and gives it back as itself', () => {
    const { call } = student({ 'm.ts': 'export function sum(f: (x: number) => number, n: number) { let s = 0; for (let i = 0; i < n; i++) s += f(i); return s }\nexport const same = (f: unknown) => f\n' })
    let calls = 0
    const m = 3
    const k = 0.5
    const line = described((x: number) => {
      calls++
      return m * x + k
    }, 'x => 3 * x + 0.5', { m, k, calls: 0 })
    expect(call('sum', line, 1000)).toBe(Array.from({ length: 1000 }, (_, i) => m * i + k).reduce((a, b) => a + b, 0))
    // It ran over there: not one call came back here.
    expect(calls).toBe(0)
    expect(call('same', line)).toBe(line)
  })

  it('rebuilds a TensorFlow.js model from its configuration, weights and training configuration', async () => {
    const tf = await import('../../reference/public/tf.ts')
    const { call } = student({ 'm.ts': "import * as tf from '@tensorflow/tfjs'\nexport function build() {\n  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] })\n  m.compile({ optimizer: tf.train.adam(0.02), loss: 'binaryCrossentropy' })\n  return m\n}\n" })
    setCallDeadline(Date.now() + 60_000, 60_000)
    const model = call('build') as import('@tensorflow/tfjs-layers').LayersModel
    expect(model).toBeInstanceOf(tf.LayersModel)
    expect(model.countParams()).toBe(2 * 3 + 3 + 3 + 1)
    expect(model.optimizer?.getClassName()).toBe('Adam')
    expect((model.predict(tf.tensor2d([[1, 2]])) as import('@tensorflow/tfjs-core').Tensor).shape).toEqual([1, 1])
  })

  it('waits for an async function: its value, its rejection, and the deadline if it never settles', () => {
    const { call } = student({
      'm.ts': `export async function later(x: number) { await new Promise((r) => setTimeout(r, 20)); return { twice: 2 * x } }
export async function refuse() { await null; throw new RangeError('not like this') }
export function never() { return new Promise(() => {}) }
export async function fill(xs: number[]) { await null; xs.push(4); return xs.length }
`,
    })
    setCallDeadline(Date.now() + 10_000, 10_000)
    expect(call('later', 21)).toEqual({ twice: 42 })
    const refused = thrown(() => call('refuse'))
    expect(refused).toBeInstanceOf(RangeError)
    expect((refused as Error).message).toBe('not like this')
    // Arguments an async function changed are mirrored back when it settles.
    const xs = [1, 2, 3]
    expect(call('fill', xs)).toBe(4)
    expect(xs).toEqual([1, 2, 3, 4])
    setCallDeadline(Date.now() + 1_000, 1_000)
    expect(thrown(() => call('never'))).toBeInstanceOf(StudentTimeout)
  })

  it("hands a test's model to the student's code as a copy with the same weights; changes to it stay there", async () => {
    const tf = await import('../../reference/public/tf.ts')
    const given = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'relu', name: 'features' }), tf.layers.dense({ units: 1, name: 'head' })] })
    given.compile({ optimizer: 'sgd', loss: 'meanSquaredError' })
    const before = given.getWeights().map((w) => Array.from(w.dataSync()))
    const { call } = student({
      'm.ts': `import * as tf from '@tensorflow/tfjs'
export function inspect(m: tf.LayersModel) {
  const out = { isModel: m instanceof tf.LayersModel, names: m.layers.map((l) => l.name), weights: m.getWeights().map((w) => Array.from(w.dataSync())), compiled: m.optimizer != null }
  m.layers[0]!.trainable = false
  m.layers[1]!.setWeights(m.layers[1]!.getWeights().map((w) => tf.zerosLike(w)))
  return out
}
export function frozenCopy(m: tf.LayersModel) {
  m.layers[0]!.trainable = false
  return m
}
`,
    })
    setCallDeadline(Date.now() + 60_000, 60_000)
    const seen = call('inspect', given) as { isModel: boolean; names: string[]; weights: number[][]; compiled: boolean }
    expect(seen).toEqual({ isModel: true, names: ['features', 'head'], weights: before, compiled: true })
    // The student's changes to its copy do not reach the test's model.
    expect(given.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before)
    expect(given.layers[0]!.trainable).toBe(true)
    // What the student's code returns comes back with its changes, as a model of this side.
    const back = call('frozenCopy', given) as import('@tensorflow/tfjs-layers').LayersModel
    expect(back).toBeInstanceOf(tf.LayersModel)
    expect(back.layers[0]!.trainable).toBe(false)
    // (A model lists its trainable weights first: compare layer by layer.)
    const byLayer = (m: import('@tensorflow/tfjs-layers').LayersModel) => m.layers.map((l) => l.getWeights().map((w) => Array.from(w.dataSync())))
    expect(byLayer(back)).toEqual(byLayer(given))
  })
})

describe('a student process that misbehaves costs only the call that met it', () => {
  it('an endless loop: the call times out at the deadline, and the next call gets a new process', () => {
    const { call } = student({ 'm.ts': 'export function spin(): number { for (;;) {} }\nexport const one = () => 1\n' })
    setCallDeadline(Date.now() + 1_000, 1_000)
    const started = Date.now()
    expect(thrown(() => call('spin'))).toBeInstanceOf(StudentTimeout)
    expect(Date.now() - started).toBeLessThan(5_000)
    // Past the deadline, calls end at once; with a new deadline, a new process answers.
    expect(thrown(() => call('one'))).toBeInstanceOf(StudentTimeout)
    setCallDeadline(Date.now() + 10_000, 10_000)
    expect(call('one')).toBe(1)
  })

  it('an exit, a kill of its parent, and running out of memory', () => {
    const { call } = student({ 'm.ts': "export const quit = () => process.exit(0)\nexport const killParent = () => process.kill(process.ppid, 'SIGKILL')\nexport function hoard() { const a: number[][] = []; for (;;) a.push(new Array(1e6).fill(1)) }\nexport const one = () => 1\n" })
    setCallDeadline(Date.now() + 60_000, 60_000)
    const exit = thrown(() => call('quit'))
    expect(exit).toBeInstanceOf(StudentCrash)
    expect((exit as StudentCrash).reason).toBe('exit')
    expect((thrown(() => call('killParent')) as Error).message).toMatch(/process.kill\(\d+\) refused/)
    expect(call('one')).toBe(1)
    const memory = thrown(() => call('hoard'))
    expect(memory).toBeInstanceOf(StudentCrash)
    expect((memory as StudentCrash).reason).toBe('memory')
    expect(call('one')).toBe(1)
  }, 120_000)

  it('unbounded recursion is an engine error, which expectThrows does not take for a refusal', () => {
    const { call } = student({ 'm.ts': 'export function down(n: number): number { return down(n + 1) }\n' })
    const error = thrown(() => call('down', 0))
    expect(error).toBeInstanceOf(RangeError)
    expect(studentErrorInfo(error)?.engine).toBe('stack-overflow')
  })

  it('cannot read the answer key, write a file, start a process or reach the network', () => {
    const { call } = student({
      'm.ts': `const tryIt = (f: () => unknown) => { try { f(); return 'done' } catch (e) { return (e as { code?: string }).code ?? String(e) } }
export function attempts() {
  const fs = (globalThis as { process: { getBuiltinModule?: (n: string) => unknown } }).process.getBuiltinModule
  return {
    getBuiltinModule: typeof fs,
    fetch: typeof (globalThis as { fetch?: unknown }).fetch,
  }
}
export const lookAround = tryIt
`,
    })
    expect(call('attempts')).toEqual({ getBuiltinModule: 'undefined', fetch: 'undefined' })
    const reader = student({ 'm.ts': `import { readFileSync } from '${'node:fs'}'\nexport const read = () => readFileSync('${path.join(SOLUTIONS_DIR, TOPIC, 'limits.ts')}', 'utf8')\n` })
    const refused = thrown(() => reader.call('read'))
    expect(refused).toBeInstanceOf(StudentLoadError)
    expect((refused as StudentLoadError).problem).toBe('forbidden-import')
    expect((refused as Error).message).toMatch(/Forbidden import "node:fs"/)
  })

  it('refuses another topic\'s file, an unknown package and a computed import, each with a reason', () => {
    const target = path.join(work, 'imports')
    mkdirSync(path.join(target, '03-matrices'), { recursive: true })
    writeFileSync(path.join(target, '03-matrices', 'matrices.ts'), 'export const dot = () => 0\n')
    const cases: [string, RegExp][] = [
      ["import { dot } from '../03-matrices/matrices'\nexport const f = () => dot", /another topic's file/],
      ["import * as m from 'mathjs'\nexport const f = () => m", /packages other than @tensorflow\/tfjs/],
      ["const name = 'node:' + 'fs'\nexport const f = async () => import(name)", /an import must name its module in plain text/],
      ["export const f = ( => 1", /m\.ts:1:\d+/],
    ]
    for (const [code, why] of cases) {
      mkdirSync(path.join(target, TOPIC), { recursive: true })
      writeFileSync(path.join(target, TOPIC, 'm.ts'), code)
      const process_ = new StudentProcess({ targetDir: target, topic: TOPIC })
      open.push(process_)
      const error = thrown(() => process_.call(path.join(target, TOPIC, 'm.ts'), 'f', []))
      expect(error, code).toBeInstanceOf(StudentLoadError)
      expect((error as Error).message, code).toMatch(why)
    }
  })

  it('a module that throws, exits or loops at load fails every call the same way, without loading again', () => {
    const thrower = student({ 'm.ts': "throw new Error('at the top')\nexport const f = () => 1\n" })
    const first = thrown(() => thrower.call('f')) as StudentLoadError
    expect(first.message).toMatch(/threw Error: at the top while loading/)
    expect(thrown(() => thrower.call('f'))).toBe(first)
    const looper = student({ 'm.ts': 'for (;;) {}\nexport const f = () => 1\n' })
    process.env.COURSE_IMPORT_TIMEOUT_MS = '1000'
    try {
      const looped = thrown(() => looper.call('f')) as StudentLoadError
      expect(looped).toBeInstanceOf(StudentLoadError)
      expect(looped.message).toMatch(/did not finish loading/)
    } finally {
      delete process.env.COURSE_IMPORT_TIMEOUT_MS
    }
  })

  it('a result too large to carry ends the process, and output beyond the cap is cut in the middle', () => {
    const { call } = student({ 'm.ts': "export const big = () => 'x'.repeat(300 * 1024 * 1024)\nexport const one = () => 1\n" })
    setCallDeadline(Date.now() + 60_000, 60_000)
    const error = thrown(() => call('big'))
    expect(error).toBeInstanceOf(StudentCrash)
    expect(['too-large', 'memory']).toContain((error as StudentCrash).reason)
    expect(call('one')).toBe(1)
  }, 120_000)

  it('the host takes Node\'s internals away from exercise code, and @course modules stay importable', () => {
    const { call } = student({ 'm.ts': "import * as m from '@course/rng'\nexport function forge(): number { const fs = (process as unknown as { binding?: unknown }).binding; return fs ? 1 : (globalThis as { forged?: number }).forged ?? 0 }\nexport const use = () => typeof m.createRng\n" })
    expect(call('forge')).toBe(0)
    expect(call('use')).toBe('function')
  })
})

describe('the course\'s own modules stay in the course', () => {
  it('the student process is started from staged copies, not from the course folder', () => {
    const { call, process: student_ } = student({ 'm.ts': 'export const where = () => import.meta.url\n' })
    const url = call('where') as string
    expect(url.startsWith('file://')).toBe(true)
    expect(url).not.toContain(COURSE_ROOT)
    expect(student_.pid()).toBeGreaterThan(0)
  })
})

// The settings table (core/settings.ts) is the one place that knows the COURSE_* variables: values
// cross processes through it, checked on the way in, and the kept vitest server's reset list is
// derived from it, so a setting added later cannot carry from one student's run into the next.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { COURSE_ROOT } from '../core/paths.ts'
import { ALL_VARIABLES, PER_RUN_VARIABLES, SETTINGS, SettingsError, readSetting, readSettings, settingsEnv, variablesOf } from '../core/settings.ts'

/** Files that read or set COURSE_* variables by name: plain JavaScript that runs before anything is transformed, and reference/, which imports nothing from grader/. */
const NAMED_ELSEWHERE = new Set(['grader/cli/run-tests.mjs', 'reference/public/tf.ts'])

function shippedSources(): string[] {
  return ['grader', 'reference', 'exercises'].flatMap((dir) =>
    readdirSync(path.join(COURSE_ROOT, dir), { recursive: true, encoding: 'utf8' })
      .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
      .filter((f) => /\.(ts|mjs)$/.test(f) && !/\.spec\.ts$|^grader\/tests\/|\/fixtures\//.test(f)),
  )
}

/** `env.COURSE_X` reads and `COURSE_X:` / `COURSE_X=` settings in a file's code. */
function namedVariables(file: string): string[] {
  const text = readFileSync(path.join(COURSE_ROOT, file), 'utf8')
  return [...text.matchAll(/\benv\.(COURSE_[A-Z_]+)|\b(COURSE_[A-Z_]+)\s*[:=]\s*['"`]|\[['"](COURSE_[A-Z_]+)['"]\]/g)].map((m) => (m[1] ?? m[2] ?? m[3])!)
}

describe('settings', () => {
  it('no module but core/settings.ts names a COURSE_* variable in its code (two listed exceptions)', () => {
    const naming = shippedSources().filter((f) => f !== 'grader/core/settings.ts' && !NAMED_ELSEWHERE.has(f) && namedVariables(f).length > 0)
    expect(naming.map((f) => `${f}: ${namedVariables(f).join(', ')}`)).toEqual([])
  })

  it('every variable the exceptions name is in the table', () => {
    const names = [...NAMED_ELSEWHERE].flatMap(namedVariables)
    expect(names.length).toBeGreaterThan(0)
    expect(names.filter((n) => !ALL_VARIABLES.includes(n))).toEqual([])
  })

  it('values cross as they were given', () => {
    const values = {
      target: '/tmp/ws',
      seed: -42,
      seeds: [1, 2, 3],
      skipTests: ['01-limits/limit.continuous'],
      nodeFeatures: { version: 'v24.0.0', permissionFlag: '--permission' as const, noFetchFlags: [], permissionDeniesNetwork: false },
      quiet: true,
      sharedProcess: false,
      overrides: { 'a.ts': '/x/b.ts' },
      studentHeapMb: 512,
      topics: ['01-limits', '03-matrices'],
    }
    expect(readSettings(settingsEnv(values))).toEqual(values)
  })

  it('a malformed value is refused with the variable’s name; an empty one is unset', () => {
    expect(() => readSetting('seed', { COURSE_SEED: '1.5' })).toThrow(SettingsError)
    expect(() => readSetting('seed', { COURSE_SEED: 'abc' })).toThrow(/COURSE_SEED must be an integer/)
    expect(() => readSetting('seeds', { COURSE_SEEDS: '1,x' })).toThrow(/COURSE_SEEDS must be integers separated by commas/)
    expect(() => readSetting('skipTests', { COURSE_SKIP_TESTS: '{"a":1}' })).toThrow(/COURSE_SKIP_TESTS/)
    expect(() => readSetting('nodeFeatures', { COURSE_NODE_FEATURES: '{"version":"v24"}' })).toThrow(/COURSE_NODE_FEATURES/)
    expect(() => readSetting('studentHeapMb', { COURSE_STUDENT_HEAP_MB: '0' })).toThrow(/≥ 1/)
    expect(readSetting('seed', { COURSE_SEED: '' })).toBeUndefined()
    expect(readSetting('quiet', { COURSE_QUIET: '1' })).toBe(true)
  })

  it('the kept vitest server clears every setting the test processes read before each run', () => {
    const testReach = Object.values(SETTINGS).filter((s) => s.reach === 'test').map((s) => s.variable)
    expect(testReach).toContain('COURSE_SEEDS')
    expect(testReach).toContain('COURSE_SKIP_TESTS')
    expect(variablesOf('test')).toEqual(testReach)
    for (const name of testReach) expect(PER_RUN_VARIABLES).toContain(name)
  })

  it('each variable belongs to one setting', () => {
    expect(new Set(ALL_VARIABLES).size).toBe(ALL_VARIABLES.length)
  })
})

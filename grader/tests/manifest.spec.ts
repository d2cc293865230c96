import { describe, expect, it } from 'vitest'
import { compareWithTests, selectTopics, validateManifest, type Manifest } from '../core/manifest.ts'

const hint = { en: 'a hint', 'zh-TW': '提示' }
const title = { 'zh-TW': '標題' }
const manifest: Manifest = { topic: '01-x', title: { en: 'X', 'zh-TW': 'X' }, tests: { 'a.one': { points: 2, hint, title }, 'a.two': { points: 1, hint, title } } }

describe('manifest checks', () => {
  it('accepts a well-formed manifest', () => {
    expect(validateManifest(manifest, '01-x')).toEqual([])
  })
  it('rejects missing points, empty hints and unknown fields', () => {
    const bad = { ...manifest, tests: { 'a.one': { hint: { en: '', 'zh-TW': 'x' }, extra: 1 } } }
    const problems = validateManifest(bad, '01-x')
    expect(problems.some((p) => p.includes('positive "points"'))).toBe(true)
    expect(problems.some((p) => p.includes('"hint"'))).toBe(true)
    expect(problems.some((p) => p.includes('unknown fields: extra'))).toBe(true)
  })
  it('rejects a test without a zh-TW title, and a title in a language the course does not have', () => {
    const missing = validateManifest({ ...manifest, tests: { 'a.one': { points: 1, hint } } }, '01-x')
    expect(missing).toEqual(['"a.one" needs a "title" with a non-empty "zh-TW" text (the English title is the test\'s own)'])
    const blank = validateManifest({ ...manifest, tests: { 'a.one': { points: 1, hint, title: { 'zh-TW': ' ' } } } }, '01-x')
    expect(blank).toHaveLength(1)
    const extra = validateManifest({ ...manifest, tests: { 'a.one': { points: 1, hint, title: { 'zh-TW': '標題', fr: 'titre' } } } }, '01-x')
    expect(extra).toEqual(['"a.one".title may hold only "zh-TW"'])
  })
  it('reports a test without points and points without a test', () => {
    expect(compareWithTests(manifest, ['a.one', 'a.three'])).toEqual([
      '01-x: test "a.three" has no points in manifest.json',
      '01-x: manifest.json gives points to "a.two", but no test has that id',
    ])
  })
  it('reports a test registered twice', () => {
    expect(compareWithTests(manifest, ['a.one', 'a.one', 'a.two'])).toEqual(['01-x: test "a.one" is registered twice'])
  })
})

describe('topic selection (one rule for every command)', () => {
  const all = ['01-limits', '02-derivatives', '03-matrices', '10-functional-api']
  it('names a topic by number, folder or name; none named is every topic', () => {
    expect(selectTopics([], all)).toEqual(all)
    expect(selectTopics(['03', 'limits', '10-functional-api'], all)).toEqual(['01-limits', '03-matrices', '10-functional-api'])
    expect(selectTopics([' 02 ', ''], all)).toEqual(['02-derivatives'])
  })
  it('refuses a name that is no topic, instead of choosing silently: 0 is not every topic, 1 is not 10', () => {
    expect(() => selectTopics(['0'], all)).toThrow(/unknown topic "0".*01-limits/)
    expect(() => selectTopics(['1'], all)).toThrow(/unknown topic "1"/)
    expect(() => selectTopics(['03-mat'], all)).toThrow(/unknown topic/)
  })
})

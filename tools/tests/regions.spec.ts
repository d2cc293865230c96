// The bookkeeping behind named input regions and the statistics behind the tests of random outputs.
import { describe, expect, it } from 'vitest'
import { RegionCounter, region, regionsOn, scaledFloors, withoutRegions } from '../../grader/core/regions.ts'
import { binomialBand, binomialPmf, expectCounts } from '../../grader/harness/stats.ts'
import { testSeed } from '../../grader/core/test-seed.ts'
import { Mismatch } from '../../grader/harness/assert.ts'
import { regionProblems, regionReport } from '../regions.ts'
import type { RawRun } from '../../grader/core/raw-results.ts'

describe('binomialBand', () => {
  it('holds a Binomial(n, p) count except with at most the stated probability (checked against the exact distribution)', () => {
    for (const [n, p, alpha] of [[100, 0.5, 1e-6], [2400, 1 / 6, 1e-7], [160, 0.16, 1e-8], [30, 0.05, 1e-3]] as const) {
      const [lo, hi] = binomialBand(n, p, alpha)
      const pmf = binomialPmf(n, p)
      const outside = pmf.reduce((s, q, k) => s + (k < lo || k > hi ? q : 0), 0)
      expect(outside).toBeLessThanOrEqual(alpha)
      expect(lo).toBeLessThanOrEqual(n * p)
      expect(hi).toBeGreaterThanOrEqual(n * p)
    }
  })
  it('is as narrow as the bound allows: a sort-based shuffle of 3 falls outside', () => {
    const [, hi] = binomialBand(2400, 1 / 6, 1e-7 / 6)
    expect(hi).toBeLessThan(0.25 * 2400)
  })
})

describe('expectCounts', () => {
  const cells = (counts: number[]) => counts.map((count, k) => ({ name: `order ${k}`, count, trials: 600, p: 1 / 6 }))
  it('passes counts near their expectation and names the most skewed cell otherwise', () => {
    expect(() => expectCounts('shuffle', cells([100, 95, 104, 101, 99, 101]), 1e-7, 'advice')).not.toThrow()
    try {
      expectCounts('shuffle', cells([220, 80, 80, 80, 70, 70]), 1e-7, 'Use Fisher–Yates.')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(Mismatch)
      expect((error as Error).message).toMatch(/order 0 came out 220 times in 600 .* 16\.7% of the time\. Use Fisher–Yates\./)
    }
  })
})

describe('regions', () => {
  it('counts only inputs the check accepted, stops at a failure, and lifts a generator’s regions onto a field', () => {
    const counter = new RegionCounter<{ n: number }>(regionsOn('n', { negative: region(1, (n: number) => n < 0), zero: region(1, (n: number) => n === 0) }))
    for (const n of [-1, 0, 2]) counter.count(counter.classify({ n }))
    counter.stop()
    counter.count(counter.classify({ n: -5 }))
    expect(counter.result('#1')).toEqual({ property: '#1', runs: 3, declared: true, regions: { 'n: negative': { hits: 1, min: 1 }, 'n: zero': { hits: 1, min: 1 } } })
    expect(new RegionCounter(undefined).result('#1').declared).toBe(false)
  })
  it('scales floors, removes named regions and refuses a floor below 1 or an unknown name', () => {
    const r = { a: region(10, () => true), b: region(3, () => false) }
    expect(scaledFloors(r, 0.5).a!.min).toBe(5)
    expect(scaledFloors(r, 0.1).b!.min).toBe(1)
    expect(Object.keys(withoutRegions(r, 'b'))).toEqual(['a'])
    expect(() => withoutRegions(r, 'c')).toThrow(/no region named/)
    expect(() => region(0, () => true)).toThrow()
  })
  it('reports regions below their floor under some seed, properties without regions, and properties missing under a seed', () => {
    const run = (hits: number, withSecond: boolean): RawRun => ({
      topics: [{
        topic: '01-x',
        state: 'passed',
        errors: [],
        tests: [
          { id: 'a.one', title: 'a', state: 'passed', errors: [], regions: [{ property: '#1', runs: 100, declared: true, regions: { small: { hits, min: 5 } } }] },
          { id: 'a.two', title: 'b', state: 'passed', errors: [], regions: withSecond ? [{ property: '#1', runs: 100, declared: false, regions: {} }] : [] },
        ],
      }],
      unhandledErrors: [],
      watchdog: [],
      durationMs: 0,
    })
    const problems = regionProblems(regionReport([1, 2], [run(7, true), run(4, false)]))
    expect(problems).toHaveLength(3)
    expect(problems[0]).toMatch(/a\.one › #1 › small: hit 7, 4 times under seeds 1, 2; floor 5/)
    expect(problems[1]).toMatch(/a\.two › #1: declares no named regions/)
    expect(problems[2]).toMatch(/a\.two › #1: did not report under every seed/)
    expect(regionProblems(regionReport([1], [run(5, false)]))).toEqual([])
  })
})

describe('testSeed', () => {
  it('gives different property seeds under different base seeds, the single digits too', () => {
    const seeds = Array.from({ length: 10 }, (_, base) => testSeed(base, 'limit.jump'))
    expect(new Set(seeds).size).toBe(10)
  })
})

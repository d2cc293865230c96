// The facts 07-feature-extraction's lesson and tests rest on, checked on the shipped data: the
// circles and quadrants sets are mirror-symmetric, logistic regression on the raw (x, y) stays at
// chance (the majority class everywhere), a line could do better, and the extracted features work.
import { describe, expect, it } from 'vitest'
import { loadDataset, split } from '../data/datasets.ts'
import {
  GOOD_LINES, NEAR_CHANCE_SLACK, exponentVectors, fitReference, heldOutSplit, majorityRate, monomial, monomialCount, productRef, radiusRef,
} from './feature-extraction.ts'

const SETS = [
  { name: 'feature_extraction1', feature: (p: number[]) => [radiusRef(p)] },
  { name: 'feature_extraction2', feature: (p: number[]) => [productRef(p)] },
] as const

describe.each(SETS)('$name', ({ name, feature }) => {
  const held = heldOutSplit(name)

  it('has every point p together with its mirror image −p, in the same class, on the same side of the split', () => {
    for (const part of [held.train, held.test]) {
      const labels = new Map(part.X.map(([x, y], i) => [`${x! + 0},${y! + 0}`, part.y[i]]))
      part.X.forEach(([x, y], i) => expect(labels.get(`${0 - x!},${0 - y!}`)).toBe(part.y[i]))
    }
    expect(held.train.X.length + held.test.X.length).toBe(loadDataset(name).rows.length)
    expect(held.train.X.length).toBe(700)
  })

  it('logistic regression on the raw (x, y) learns w = 0 and stays at chance: the majority rate of the test split', () => {
    const raw = fitReference(held.train.X, held.train.y)
    expect(Math.max(...raw.w.map(Math.abs))).toBeLessThan(1e-12)
    const accuracy = raw.accuracy(held.test.X, held.test.y)
    expect(Math.abs(accuracy - majorityRate(held.test.y))).toBeLessThanOrEqual(NEAR_CHANCE_SLACK)
    // The threshold is not vacuous: a hand-drawn line does far better on the same held-out points.
    const line = GOOD_LINES[name]
    const lineAccuracy = held.test.X.filter((p, i) => line(p) === held.test.y[i]).length / held.test.X.length
    expect(lineAccuracy).toBeGreaterThan(majorityRate(held.test.y) + NEAR_CHANCE_SLACK + 0.05)
  })

  it('the extracted feature and the degree-2 monomials reach at least 95% held out', () => {
    for (const f of [feature, (p: number[]) => exponentVectors(2, 2).map((e) => monomial(p, e))]) {
      const fitted = fitReference(held.train.X.map(f), held.train.y)
      expect(fitted.accuracy(held.test.X.map(f), held.test.y)).toBeGreaterThanOrEqual(0.95)
    }
  })

  it('the labels follow the rule the lesson states', () => {
    const { X, y } = split(loadDataset(name), 'class')
    X.forEach((p, i) => {
      const expected = name === 'feature_extraction1' ? (radiusRef(p) < 2.5 ? 1 : 0) : productRef(p) > 0 ? 1 : 0
      expect(y[i]).toBe(expected)
    })
  })
})

describe('monomials', () => {
  it('counts C(d + k, k) − 1 exponent vectors of degree 1 to k', () => {
    for (let d = 1; d <= 4; d++) for (let k = 1; k <= 4; k++) expect(exponentVectors(d, k).length).toBe(monomialCount(d, k))
    expect(exponentVectors(2, 2)).toHaveLength(5)
  })
})

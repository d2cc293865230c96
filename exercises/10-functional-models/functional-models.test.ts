import { describe } from 'vitest'
import { expectClose, expectThrows, forAll, topic } from '../../grader/harness'
import * as student from '@target/10-functional-models/functional-models'
import { l1Norm, vector, vectorRegions } from '../../reference/oracles/functional-models.ts'

const { graded } = topic(import.meta.url)

describe('l1Norm(v)', () => {
  // Each test's id is a key of manifest.json's "tests"; the English title is written here.
  graded('l1Norm.oracle', 'l1Norm(v) is Σ|vᵢ| (within the rounding of d additions)', () => {
    forAll({ v: vector }, ({ v }) => {
      const expected = l1Norm(v)
      expectClose(`l1Norm([${v.join(', ')}])`, student.l1Norm(v), expected, { abs: 1e-12, rel: 1e-12 * v.length })
    }, { regions: { ...vectorRegions } })
  })

  graded('l1Norm.empty', 'l1Norm([]) throws a RangeError', () => {
    expectThrows('l1Norm([])', () => student.l1Norm([]), [RangeError])
  })
})

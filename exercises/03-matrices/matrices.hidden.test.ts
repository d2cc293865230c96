// Hidden tests: run when grading, left out of the student release (see manifest.json "hidden").
import { describe } from 'vitest'
import { expectClose, forAll, regionsOn, topic } from '../../grader/harness'
import * as student from '@target/03-matrices/matrices'
import { dyadic, vectorPair, vectorRegions } from '../../reference/oracles/matrices'

const { graded } = topic(import.meta.url)

describe('matmul(A, B) of a column and a row', () => {
  graded('matmul.outerAndInner', 'a column u (n×1) times a row vᵀ (1×n) is the n×n matrix [uᵢvⱼ]; a row times a column is [[u·v]]', () => {
    // Entries are multiples of 1/4 (see `dyadic`): every product and sum is exact.
    forAll({ pair: vectorPair(dyadic) }, ({ pair: { u, v } }) => {
      const column = u.map((ui) => [ui])
      const row = [v.slice()]
      expectClose('matmul(column u, row v)', student.matmul(column, row), u.map((ui) => v.map((vj) => ui * vj)), { abs: 0, rel: 0 })
      expectClose('matmul(row u, column v)', student.matmul([u.slice()], v.map((vj) => [vj])), [[u.reduce((s, ui, i) => s + ui * v[i]!, 0)]], { abs: 0, rel: 0 })
      expectClose('matmul(row u, column v) against dot(u, v)', student.matmul([u.slice()], v.map((vj) => [vj]))[0]?.[0], student.dot(u, v), { abs: 0, rel: 0 })
    }, { regions: regionsOn('pair', regionsOn('u', vectorRegions)) })
  })
})

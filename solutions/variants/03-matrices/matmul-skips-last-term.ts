/**
 * Off by one: the inner sum of matmul stops at l < m − 1, so the last product of each entry is dropped.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matmul.oracle law.identity
 */
import { matmul as answer, type Matrix } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matmul(A: Matrix, B: Matrix): number[][] {
  answer(A, B) // the answer key's shape checks
  const m = A[0]!.length
  return A.map((row) =>
    B[0]!.map((_, j) => {
      let sum = 0
      for (let l = 0; l < m - 1; l++) sum += row[l]! * B[l]![j]!
      return sum
    }),
  )
}

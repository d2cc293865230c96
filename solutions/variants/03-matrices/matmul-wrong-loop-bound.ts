/**
 * A matmul whose inner sum runs to A.length (rows of A) instead of A[0].length (columns of A).
 * Right on square matrices, wrong on the others.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matmul.oracle
 */
import type { Matrix } from '../../03-matrices/matrices.ts'
import { matmul as answer } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matmul(A: Matrix, B: Matrix): number[][] {
  answer(A, B) // the answer key's checks of the shapes
  const result: number[][] = []
  for (let i = 0; i < A.length; i++) {
    result.push([])
    for (let j = 0; j < B[0]!.length; j++) {
      let sum = 0
      for (let l = 0; l < A.length; l++) sum += (A[i]![l] ?? 0) * (B[l]?.[j] ?? 0)
      result[i]!.push(sum)
    }
  }
  return result
}

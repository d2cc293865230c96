/**
 * matmul with a shortcut for a B of one column: it calls matvec and returns that vector as it is.
 * Right for every other shape; for B n×1 the result should be a column [[·], [·]] (n×1), not a flat list.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matmul.oracle law.associative
 */
import { type Matrix, matmul as answer, matvec } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matmul(A: Matrix, B: Matrix): number[][] {
  const result = answer(A, B)
  if (B[0]!.length === 1) return matvec(A, B.map((row) => row[0]!)) as unknown as number[][]
  return result
}

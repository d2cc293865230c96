/**
 * A matmul that does not check that A's columns match B's rows (curriculum 03).
 * It loops over A's columns whatever B's rows are, so a mismatch either silently drops terms or
 * crashes on undefined.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matmul.mismatch
 */
import type { Matrix } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matmul(A: Matrix, B: Matrix): number[][] {
  if (A.length === 0 || B.length === 0 || A[0]!.length === 0 || B[0]!.length === 0) throw new RangeError('matmul: empty matrix')
  if (A.some((row) => row.length !== A[0]!.length) || B.some((row) => row.length !== B[0]!.length)) throw new RangeError('matmul: ragged matrix')
  return A.map((row) => B[0]!.map((_, j) => row.reduce((sum, a, l) => sum + a * B[l]![j]!, 0)))
}

/**
 * A transpose of a non-square matrix that keeps A's shape (it maps over A's rows and columns).
 * Right on square matrices, wrong-shaped (or crashing) on the others.
 * @replaces 03-matrices/matrices.ts
 * @mustFail transpose.oracle law.transposeOfProduct
 */
import type { Matrix } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function transpose(A: Matrix): number[][] {
  if (A.length === 0 || A[0]!.length === 0 || A.some((row) => row.length !== A[0]!.length)) throw new RangeError('transpose: A must be a non-empty rectangular matrix')
  return A.map((row, i) => row.map((_, j) => A[j]?.[i] ?? 0))
}

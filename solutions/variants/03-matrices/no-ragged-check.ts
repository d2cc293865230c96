/**
 * transpose and scale that trust every row to be as long as the first: a ragged matrix slips through.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matrices.raggedOrEmpty
 */
import type { Matrix, Vector } from '../../03-matrices/matrices.ts'
import { scale as answerScale } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function transpose(A: Matrix): number[][] {
  if (A.length === 0 || A[0]!.length === 0) throw new RangeError('transpose: empty matrix')
  return A[0]!.map((_, j) => A.map((row) => row[j]!))
}

export function scale(k: number, u: Vector): number[]
export function scale(k: number, A: Matrix): number[][]
export function scale(k: number, a: Vector | Matrix): number[] | number[][] {
  if (Array.isArray(a[0])) return (a as Matrix).map((row) => row.map((v) => k * v))
  return answerScale(k, a as Vector)
}

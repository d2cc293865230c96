/**
 * Wrong axis: matvec compares v's length with A's number of rows instead of its columns, so a non-square A is refused or misread.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matvec.oracle matvec.mismatch
 */
import type { Matrix, Vector } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matvec(A: Matrix, v: Vector): number[] {
  if (A.length === 0 || v.length !== A.length) throw new RangeError(`matvec: A has ${A.length} rows but v has length ${v.length}`)
  return A.map((row) => row.slice(0, v.length).reduce((s, x, j) => s + x * v[j]!, 0))
}

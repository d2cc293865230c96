/**
 * matvec computed as vᵀA (v against the columns of A) instead of Av, after checking v's length against A's rows.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matvec.oracle
 */
import { type Matrix, type Vector, transpose, matvec as answer } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matvec(A: Matrix, v: Vector): number[] {
  return answer(transpose(A), v)
}

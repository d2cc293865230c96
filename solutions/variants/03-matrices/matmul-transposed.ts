/**
 * A transposed matmul: entry [j][i] of the result holds row i of A times column j of B, i.e. (AB)ᵀ (curriculum 03).
 * @replaces 03-matrices/matrices.ts
 * @mustFail matmul.oracle law.associative law.identity
 */
import { type Matrix, matmul as answer, transpose } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matmul(A: Matrix, B: Matrix): number[][] {
  return transpose(answer(A, B))
}

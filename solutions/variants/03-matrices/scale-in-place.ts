/**
 * A scale that multiplies the entries of its argument in place.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matrices.argumentsUnchanged
 */
import { scale as answer, type Matrix, type Vector } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function scale(k: number, u: Vector): number[]
export function scale(k: number, A: Matrix): number[][]
export function scale(k: number, a: Vector | Matrix): number[] | number[][] {
  answer(k, a as Matrix) // checks the input
  if (Array.isArray(a[0])) {
    for (const row of a as number[][]) row.forEach((v, j) => (row[j] = k * v))
    return a as number[][]
  }
  const u = a as number[]
  u.forEach((v, i) => (u[i] = k * v))
  return u
}

/**
 * An add that accumulates into its first argument and returns it, changing the caller's matrix.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matrices.argumentsUnchanged
 */
import { add as answer, type Matrix, type Vector } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function add(u: Vector, v: Vector): number[]
export function add(A: Matrix, B: Matrix): number[][]
export function add(a: Vector | Matrix, b: Vector | Matrix): number[] | number[][] {
  const sum = answer(a as Matrix, b as Matrix) // checks the shapes
  if (Array.isArray(a[0])) {
    const A = a as number[][]
    sum.forEach((row, i) => row.forEach((v, j) => (A[i]![j] = v)))
    return A
  }
  const u = a as number[]
  ;(sum as unknown as number[]).forEach((v, i) => (u[i] = v))
  return u
}

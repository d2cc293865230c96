// Topic 03: vectors (向量) and matrices (矩陣). Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 03` checks your work.
//
// Conventions for every function here:
// - A vector is a non-empty array of numbers; u ∈ ℝᵈ has d = u.length ≥ 1 entries.
// - A matrix is a non-empty array of rows, all of one non-zero length (row-major): A ∈ ℝ^{n×m}
//   has n = A.length rows and m = A[0].length columns, and A[i][j] is the entry in row i, column j.
// - Bad input (an empty vector or matrix, rows of different lengths, shapes that do not fit)
//   throws a RangeError (or a TypeError) whose message names the problem, e.g.
//   throw new RangeError('matmul: A is 2×3 but B is 2×2; A needs as many columns as B has rows').
// - Inputs are never modified: every result is a new array.

/** A vector, as a function receives it (read-only: do not change it). */
export type Vector = readonly number[]
/** A matrix, row-major, as a function receives it (read-only: do not change it). */
export type Matrix = readonly (readonly number[])[]

/** The dot product (inner product, 內積) u·v = Σᵢ uᵢvᵢ. u and v must have the same length. */
export function dot(u: Vector, v: Vector): number {
  throw new Error('not implemented: dot(u, v)')
}

/** The entrywise sum u + v of two vectors of one length, or A + B of two matrices of one shape. */
export function add(u: Vector, v: Vector): number[]
export function add(A: Matrix, B: Matrix): number[][]
export function add(a: Vector | Matrix, b: Vector | Matrix): number[] | number[][] {
  throw new Error('not implemented: add(a, b)')
}

/** The scalar multiple k·u of a vector, or k·A of a matrix (every entry times k). */
export function scale(k: number, u: Vector): number[]
export function scale(k: number, A: Matrix): number[][]
export function scale(k: number, a: Vector | Matrix): number[] | number[][] {
  throw new Error('not implemented: scale(k, a)')
}

/** The transpose Aᵀ (轉置): an n×m matrix becomes m×n, with Aᵀ[j][i] = A[i][j]. */
export function transpose(A: Matrix): number[][] {
  throw new Error('not implemented: transpose(A)')
}

/**
 * The matrix product AB: A is n×m, B must be m×k, and the result is n×k with
 * (AB)[i][j] = Σₗ A[i][l]·B[l][j] (row i of A dotted with column j of B).
 */
export function matmul(A: Matrix, B: Matrix): number[][] {
  throw new Error('not implemented: matmul(A, B)')
}

/** The matrix–vector product Av: A is n×m, v must have length m, and the result has length n. */
export function matvec(A: Matrix, v: Vector): number[] {
  throw new Error('not implemented: matvec(A, v)')
}

/** The n×n identity matrix I (單位矩陣): 1 on the diagonal, 0 elsewhere. n must be an integer ≥ 1. */
export function identity(n: number): number[][] {
  throw new Error('not implemented: identity(n)')
}

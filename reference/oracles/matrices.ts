// Oracles for 03-matrices: mathjs's `dot`, `add`, `multiply` and `transpose`, random shapes
// (non-square included) and entries, and the rounding bounds that decide the tolerances.
import fc from 'fast-check'
import { math } from './mathjs.ts'
import { type Regions, region } from '../regions.ts'

const { add: mathAdd, dot: mathDot, multiply, transpose: mathTranspose } = math

export type Vector = number[]
export type Matrix = number[][]

// ---- entries ---------------------------------------------------------------------------------

/** Any double in [−10, 10] (0 drawn on purpose, −0 and tiny numbers included): for comparisons with mathjs. */
export const real: fc.Arbitrary<number> = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) })

/**
 * Multiples of 1/4 in [−10, 10]. Products of three such numbers are multiples of 1/64 below 1000,
 * and sums of a few hundred of them need far fewer than 53 bits, so every law below holds exactly
 * in floating point, whatever order the sums are taken in: the laws are checked with no tolerance.
 */
export const dyadic: fc.Arbitrary<number> = fc.integer({ min: -40, max: 40 }).map((k) => k / 4)

/** A dimension: 1 to 5, so that 1×n, n×1 and non-square shapes are common. */
export const dim: fc.Arbitrary<number> = fc.integer({ min: 1, max: 5 })

export const vector = (n: number, entry: fc.Arbitrary<number> = real): fc.Arbitrary<Vector> => fc.array(entry, { minLength: n, maxLength: n })

export const matrix = (rows: number, cols: number, entry: fc.Arbitrary<number> = real): fc.Arbitrary<Matrix> =>
  fc.array(vector(cols, entry), { minLength: rows, maxLength: rows })

/** A matrix of any shape up to 5×5. */
export const anyMatrix = (entry: fc.Arbitrary<number> = real) => fc.tuple(dim, dim).chain(([n, m]) => matrix(n, m, entry))
/** A vector of any length up to 5. */
export const anyVector = (entry: fc.Arbitrary<number> = real) => dim.chain((n) => vector(n, entry))

/** Two vectors of one length. */
export const vectorPair = (entry: fc.Arbitrary<number> = real) => dim.chain((n) => fc.record({ u: vector(n, entry), v: vector(n, entry) }))
/** Two matrices of one shape. */
export const matrixPair = (entry: fc.Arbitrary<number> = real) =>
  fc.tuple(dim, dim).chain(([n, m]) => fc.record({ A: matrix(n, m, entry), B: matrix(n, m, entry) }))
/** A (n×m) and B (m×k) that can be multiplied. */
export const productPair = (entry: fc.Arbitrary<number> = real) =>
  fc.tuple(dim, dim, dim).chain(([n, m, k]) => fc.record({ A: matrix(n, m, entry), B: matrix(m, k, entry) }))
/** A (n×m) and v (length m). */
export const matrixAndVector = (entry: fc.Arbitrary<number> = real) =>
  fc.tuple(dim, dim).chain(([n, m]) => fc.record({ A: matrix(n, m, entry), v: vector(m, entry) }))

/** A (n×m), B (m×k), C (k×l): for (AB)C = A(BC). */
export const productTriple = (entry: fc.Arbitrary<number> = dyadic) =>
  fc.tuple(dim, dim, dim, dim).chain(([n, m, k, l]) => fc.record({ A: matrix(n, m, entry), B: matrix(m, k, entry), C: matrix(k, l, entry) }))

/** A (n×m), and B, C (m×k): for A(B + C) = AB + AC. */
export const leftDistributive = (entry: fc.Arbitrary<number> = dyadic) =>
  fc.tuple(dim, dim, dim).chain(([n, m, k]) => fc.record({ A: matrix(n, m, entry), B: matrix(m, k, entry), C: matrix(m, k, entry) }))

/** A, B (n×m), and C (m×k): for (A + B)C = AC + BC, the lecture's form. */
export const rightDistributive = (entry: fc.Arbitrary<number> = dyadic) =>
  fc.tuple(dim, dim, dim).chain(([n, m, k]) => fc.record({ A: matrix(n, m, entry), B: matrix(n, m, entry), C: matrix(m, k, entry) }))

/** The lecture's third set: A, B ∈ ℝ^{n×m}, u, v ∈ ℝ^m, x, y ∈ ℝ. */
export const linearityCase = (entry: fc.Arbitrary<number> = dyadic) =>
  fc.tuple(dim, dim).chain(([n, m]) =>
    fc.record({ A: matrix(n, m, entry), B: matrix(n, m, entry), u: vector(m, entry), v: vector(m, entry), x: entry, y: entry }),
  )

/** Two shapes that cannot be multiplied: A is n×m, B is m′×k with m′ ≠ m (both orders of size). */
export const mismatchedProduct = fc
  .tuple(dim, dim, dim, dim)
  .filter(([, m, m2]) => m !== m2)
  .chain(([n, m, m2, k]) => fc.record({ A: matrix(n, m, dyadic), B: matrix(m2, k, dyadic) }))

// ---- mathjs as the oracle ----------------------------------------------------------------------

export const mathjsDot = (u: Vector, v: Vector): number => mathDot(u, v) as number
export const mathjsAdd = <T extends Vector | Matrix>(a: T, b: T): T => mathAdd(a, b) as T
export const mathjsScale = <T extends Vector | Matrix>(k: number, a: T): T => multiply(k, a) as unknown as T
export const mathjsTranspose = (A: Matrix): Matrix => mathTranspose(A) as Matrix
export const mathjsMultiply = (A: Matrix, B: Matrix): Matrix => multiply(A, B) as Matrix
export const mathjsMatvec = (A: Matrix, v: Vector): Vector => multiply(A, v) as Vector

// ---- tolerances ------------------------------------------------------------------------------

/**
 * Two ways of summing the m products of a dot product u·v differ by at most 2γₘ·Σ|uᵢvᵢ|, with
 * γₘ = m·eps/(1 − m·eps) (the standard bound for recursive summation, any order; Higham, ch. 3).
 * We allow 4·m·eps·Σ|uᵢvᵢ|: still far below any real mistake, which is off by whole products.
 */
export function dotTolerance(u: Vector, v: Vector): number {
  const magnitude = u.reduce((s, ui, i) => s + Math.abs(ui * v[i]!), 0)
  return 4 * u.length * Number.EPSILON * magnitude
}

/** The same bound for every entry of AB (each is a dot product of length m): the largest over the entries. */
export function productTolerance(A: Matrix, B: Matrix): number {
  const m = B.length
  let worst = 0
  for (const row of A) {
    for (let j = 0; j < B[0]!.length; j++) {
      let magnitude = 0
      for (let k = 0; k < m; k++) magnitude += Math.abs(row[k]! * B[k]![j]!)
      worst = Math.max(worst, magnitude)
    }
  }
  return 4 * m * Number.EPSILON * worst
}

export function matvecTolerance(A: Matrix, v: Vector): number {
  return Math.max(0, ...A.map((row) => dotTolerance(row, v)))
}

// ---- reference implementations for building expected values in laws ---------------------------

export const shapeOf = (A: Matrix): [number, number] => [A.length, A[0]?.length ?? 0]

// ---- where a mistake shows ----

const rows = (A: Matrix) => A.length
const cols = (A: Matrix) => A[0]?.length ?? 0
const entries = (...ms: (Matrix | Vector)[]) => ms.flatMap((m) => (m as unknown[]).flat() as number[])
/** Not exactly a float32: a double, not a multiple of a small power of two. */
const notFloat32 = (v: number) => Math.fround(v) !== v

/** Regions of a matrix's shape (1 to 5 rows and columns). */
export const shapeRegions: Regions<Matrix> = {
  'one row (1×m)': region(2, (A) => rows(A) === 1),
  'one column (n×1)': region(2, (A) => cols(A) === 1),
  'not square': region(30, (A) => rows(A) !== cols(A)),
  'square, 2×2 or more': region(2, (A) => rows(A) === cols(A) && rows(A) >= 2),
  'five rows or columns': region(2, (A) => rows(A) === 5 || cols(A) === 5),
}

/** Regions of the entries of real-valued inputs. */
export const entryRegions: Regions<Matrix | Vector> = {
  'an entry not exact in float32': region(30, (m) => entries(m).some(notFloat32)),
  'an entry 0': region(5, (m) => entries(m).some((v) => v === 0)),
  'a negative entry': region(30, (m) => entries(m).some((v) => v < 0)),
}

/** Regions of a pair A (n×m), B (m×k) for a product. */
export const productRegions: Regions<{ A: Matrix; B: Matrix }> = {
  'A has one row': region(2, ({ A }) => rows(A) === 1),
  'B has one column': region(2, ({ B }) => cols(B) === 1),
  'inner size 1 (an outer product)': region(2, ({ A }) => cols(A) === 1),
  'inner size ≥ 3': region(15, ({ A }) => cols(A) >= 3),
  'n, m and k all different': region(10, ({ A, B }) => new Set([rows(A), cols(A), cols(B)]).size === 3),
  'an entry not exact in float32': region(30, ({ A, B }) => entries(A, B).some(notFloat32)),
}

export const vectorRegions: Regions<Vector> = {
  'length 1': region(3, (v) => v.length === 1),
  'length 5': region(2, (v) => v.length === 5),
}

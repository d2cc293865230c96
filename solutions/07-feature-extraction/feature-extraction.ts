// Answer key for 07-feature-extraction.

export interface Standardized {
  /** The standardized data: column j is (X[i][j] − mean[j]) / scale[j]. */
  Z: number[][]
  mean: number[]
  /** The population standard deviation of each column (1/n), or 1 for a constant column. */
  scale: number[]
}

function requirePoint(point: readonly number[]): [number, number] {
  if (!Array.isArray(point) || point.length !== 2) throw new RangeError(`a point must be [x, y], got ${Array.isArray(point) ? `${point.length} coordinates` : String(point)}`)
  const [x, y] = point as [number, number]
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`the coordinates must be finite numbers, got [${x}, ${y}]`)
  return [x, y]
}

/** The distance from the origin, √(x² + y²). Math.hypot neither overflows for 1e200 nor underflows for 1e-200. */
export function radius(point: readonly number[]): number {
  const [x, y] = requirePoint(point)
  return Math.hypot(x, y)
}

/** x·y: positive in the first and third quadrants, negative in the second and fourth. */
export function product(point: readonly number[]): number {
  const [x, y] = requirePoint(point)
  return x * y
}

/**
 * Every monomial x₁^e₁ ⋯ x_d^e_d with 1 ≤ e₁ + ⋯ + e_d ≤ degree, by increasing degree and, within a
 * degree, in the order of the index lists i₁ ≤ i₂ ≤ ⋯ (for [x, y] and degree 2: x, y, x², xy, y²).
 */
export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  if (!Array.isArray(x) || x.length === 0) throw new RangeError('x must be a non-empty array of numbers')
  x.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`x[${i}] must be a finite number, got ${v}`)
  })
  if (!Number.isInteger(degree) || degree < 1) throw new RangeError(`degree must be a whole number ≥ 1, got ${degree}`)
  const out: number[] = []
  // Monomials of degree t + 1 are those of degree t times one more x[i], with i at least the last index used.
  let level: { value: number; last: number }[] = x.map((v, i) => ({ value: v, last: i }))
  for (let t = 1; t <= degree; t++) {
    out.push(...level.map((m) => m.value))
    if (t < degree) level = level.flatMap((m) => x.slice(m.last).map((v, k) => ({ value: m.value * v, last: m.last + k })))
  }
  return out
}

/**
 * Subtracts each column's mean and divides by its standard deviation (two passes: the mean first, then
 * the squared deviations from it). A constant column has no spread to divide by: its Z column is 0
 * and its scale is reported as 1.
 */
export function standardize(X: readonly number[][]): Standardized {
  if (!Array.isArray(X) || X.length === 0) throw new RangeError('X must have at least one row')
  const d = X[0]!.length
  if (d === 0) throw new RangeError('the rows of X must have at least one column')
  X.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d) throw new RangeError(`row ${i} of X has ${Array.isArray(row) ? row.length : 'no'} columns, expected ${d}`)
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`X[${i}][${j}] must be a finite number, got ${v}`)
    })
  })
  const n = X.length
  const constant = Array.from({ length: d }, (_, j) => X.every((row) => row[j] === X[0]![j]))
  const mean = Array.from({ length: d }, (_, j) => (constant[j] ? X[0]![j]! : X.reduce((s, row) => s + row[j]!, 0) / n))
  const scale = Array.from({ length: d }, (_, j) =>
    constant[j] ? 1 : Math.sqrt(X.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / n),
  )
  const Z = X.map((row: readonly number[]) => row.map((v, j) => (constant[j] ? 0 : (v - mean[j]!) / scale[j]!)))
  return { Z, mean, scale }
}

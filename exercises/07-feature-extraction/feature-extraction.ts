// Topic 07: feature extraction (特徵擷取). Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 07` checks your work.

export interface Standardized {
  /** The standardized data: Z[i][j] = (X[i][j] − mean[j]) / scale[j]. */
  Z: number[][]
  /** Each column's mean. */
  mean: number[]
  /** Each column's standard deviation, with 1/n (not 1/(n − 1)); 1 for a constant column. */
  scale: number[]
}

/** The distance of [x, y] from the origin, √(x² + y²), accurate for any finite x and y. Throws unless given two finite numbers. */
export function radius(point: readonly number[]): number {
  throw new Error('not implemented: radius(point)')
}

/** x·y for the point [x, y]. Throws unless given two finite numbers. */
export function product(point: readonly number[]): number {
  throw new Error('not implemented: product(point)')
}

/**
 * All monomials x₁^e₁ ⋯ x_d^e_d of x with total degree 1 to `degree` (no constant 1), in an order of
 * your choice that is the same for every x of the same length. For [x, y] and degree 2 that is
 * x, y, x², xy, y² in some fixed order. Throws for an empty x, non-finite entries, or a degree that
 * is not a whole number ≥ 1.
 */
export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  throw new Error('not implemented: polynomialFeatures(x, degree)')
}

/**
 * Standardizes each column to mean 0 and variance 1 (population variance, 1/n). A constant column
 * has nothing to divide by: its Z column is all 0, its mean is the constant and its scale is 1, so
 * that (x − mean)/scale stays defined for new data. Throws for no rows, no columns, rows of
 * different lengths or non-finite numbers.
 */
export function standardize(X: readonly number[][]): Standardized {
  throw new Error('not implemented: standardize(X)')
}

/**
 * Standardizing with the sample standard deviation (1/(n − 1)) instead of the population one (1/n).
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail standardize.meanZeroVarianceOne standardize.formula
 */
import type { Standardized } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function standardize(X: readonly number[][]): Standardized {
  if (X.length === 0 || X[0]!.length === 0) throw new RangeError('X must have rows and columns')
  const n = X.length
  const constant = X[0]!.map((v, j) => X.every((row) => row[j] === v))
  const mean = X[0]!.map((v, j) => (constant[j] ? v : X.reduce((s, row) => s + row[j]!, 0) / n))
  const scale = X[0]!.map((_, j) => (constant[j] ? 1 : Math.sqrt(X.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / (n - 1))))
  return { Z: X.map((row) => row.map((v, j) => (constant[j] ? 0 : (v - mean[j]!) / scale[j]!))), mean, scale }
}

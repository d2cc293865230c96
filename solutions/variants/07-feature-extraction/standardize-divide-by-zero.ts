/**
 * Standardizing without a case for constant columns: (x − mean)/0 is NaN (0/0).
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail standardize.constantColumn standardize.formula
 */
import type { Standardized } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function standardize(X: readonly number[][]): Standardized {
  if (X.length === 0 || X[0]!.length === 0) throw new RangeError('X must have rows and columns')
  const n = X.length
  const mean = X[0]!.map((_, j) => X.reduce((s, row) => s + row[j]!, 0) / n)
  const scale = X[0]!.map((_, j) => Math.sqrt(X.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / n))
  return { Z: X.map((row) => row.map((v, j) => (v - mean[j]!) / scale[j]!)), mean, scale }
}

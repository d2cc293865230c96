/**
 * The variance in one pass as E[x²] − E[x]²: for columns near 1e8 the two terms cancel and no digit of the variance survives.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail standardize.largeOffset
 */
import type { Standardized } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function standardize(X: readonly number[][]): Standardized {
  if (X.length === 0 || X[0]!.length === 0) throw new RangeError('X must have rows and columns')
  const n = X.length
  const constant = X[0]!.map((v, j) => X.every((row) => row[j] === v))
  const mean = X[0]!.map((_, j) => X.reduce((s, row) => s + row[j]!, 0) / n)
  const scale = X[0]!.map((_, j) => (constant[j] ? 1 : Math.sqrt(Math.abs(X.reduce((s, row) => s + row[j]! ** 2, 0) / n - mean[j]! ** 2))))
  return { Z: X.map((row) => row.map((v, j) => (constant[j] ? 0 : (v - mean[j]!) / scale[j]!))), mean, scale }
}

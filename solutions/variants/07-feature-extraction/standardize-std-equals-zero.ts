/**
 * Detecting a constant column by std === 0: for [0.1, 0.1, 0.1] the computed mean is 0.10000000000000002, the std about 1e-17, and Z becomes −1.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail standardize.constantColumn
 */
import type { Standardized } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function standardize(X: readonly number[][]): Standardized {
  if (X.length === 0 || X[0]!.length === 0) throw new RangeError('X must have rows and columns')
  const n = X.length
  const mean = X[0]!.map((_, j) => X.reduce((s, row) => s + row[j]!, 0) / n)
  const std = X[0]!.map((_, j) => Math.sqrt(X.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / n))
  const scale = std.map((s) => (s === 0 ? 1 : s))
  return { Z: X.map((row) => row.map((v, j) => (std[j] === 0 ? 0 : (v - mean[j]!) / scale[j]!))), mean, scale }
}

/**
 * The covariance with 1/(n − 1) (the unbiased sample covariance) instead of the lecture's 1/|C|.
 * @replaces 06-classification/classification.ts
 * @mustFail fitGaussian.formula
 */
import type { Gaussian } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function fitGaussian(X: readonly number[][]): Gaussian {
  if (X.length === 0) throw new RangeError('X must have at least one row')
  const n = X.length
  const d = X[0]!.length
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j]!, 0) / n)
  const cov = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + (x[i]! - mean[i]!) * (x[j]! - mean[j]!), 0) / (n - 1)),
  )
  return { mean, cov }
}

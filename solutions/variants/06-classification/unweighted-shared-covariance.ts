/**
 * The shared covariance as the plain average (Σ₀ + Σ₁)/2 instead of weighting by class size.
 * @replaces 06-classification/classification.ts
 * @mustFail fitSharedCovariance.formula
 */
import { fitSharedCovariance as answer, fitGaussian, type SharedCovarianceModel } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function fitSharedCovariance(X: readonly number[][], y: readonly number[]): SharedCovarianceModel {
  const model = answer(X, y)
  const [s0, s1] = [0, 1].map((c) => fitGaussian(X.filter((_, i) => y[i] === c)).cov) as [number[][], number[][]]
  return { ...model, cov: s0.map((row, i) => row.map((v, j) => (v + s1[i]![j]!) / 2)) }
}

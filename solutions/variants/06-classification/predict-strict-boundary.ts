/**
 * predict with w·x + b > 0 instead of ≥ 0: a point exactly on the boundary (σ = 0.5) is called 0, against the lecture's rule f(x) ≥ 0.5.
 * @replaces 06-classification/classification.ts
 * @mustFail predict.boundary
 */
import { predict as answer } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function predict(w: readonly number[], b: number, x: readonly number[]): 0 | 1 {
  const label = answer(w, b, x)
  return label === 1 && w.reduce((s, wj, j) => s + wj * x[j]!, b) === 0 ? 0 : label
}

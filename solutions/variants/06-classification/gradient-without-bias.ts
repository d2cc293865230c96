/**
 * A gradient that forgets the bias: σ(w·x) instead of σ(w·x + b).
 * @replaces 06-classification/classification.ts
 * @mustFail logisticGradient.formula logisticGradient.tf
 */
import { logisticGradient as answer, type LogisticGradient } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function logisticGradient(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  return answer(w, 0 * b, X, y)
}

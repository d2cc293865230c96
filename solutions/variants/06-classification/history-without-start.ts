/**
 * A history that leaves out the starting point: epochs entries instead of epochs + 1.
 * @replaces 06-classification/classification.ts
 * @mustFail trainLogistic.steps
 */
import { trainLogistic as answer, type LogisticResult, type TrainOptions } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  const result = answer(X, y, opts)
  return { ...result, history: result.history.slice(1) }
}

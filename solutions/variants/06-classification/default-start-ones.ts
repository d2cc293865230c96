/**
 * trainLogistic and trainSoftmax that start from ones when w0/b0 (W0/b0) are left out, instead of the zeros the lesson asks for.
 * @replaces 06-classification/classification.ts
 * @mustFail training.defaultStart
 */
import { type LogisticResult, type SoftmaxResult, type SoftmaxTrainOptions, type TrainOptions, trainLogistic as logistic, trainSoftmax as softmax } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  const d = Array.isArray(X) && Array.isArray(X[0]) ? X[0].length : 0
  return logistic(X, y, { ...opts, w0: opts.w0 ?? new Array<number>(d).fill(1), b0: opts.b0 ?? 1 })
}

export function trainSoftmax(X: readonly number[][], y: readonly number[], k: number, opts: SoftmaxTrainOptions): SoftmaxResult {
  const d = Array.isArray(X) && Array.isArray(X[0]) ? X[0].length : 0
  return softmax(X, y, k, { ...opts, W0: opts.W0 ?? Array.from({ length: k }, () => new Array<number>(d).fill(1)), b0: opts.b0 ?? new Array<number>(k).fill(1) })
}

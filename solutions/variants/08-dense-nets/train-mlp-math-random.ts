/**
 * trainMLP that draws its initial weights and batches with Math.random instead of options.rng.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail trainMLP.reproducible
 */
import { type Matrix, type TrainOptions, type TrainResult, trainMLP as answer } from '../../08-dense-nets/dense.ts'

export * from '../../08-dense-nets/dense.ts'

export function trainMLP(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
  return answer(x, y, { ...options, rng: Math.random })
}

/**
 * Adagrad without ε, p ← p − η·g/√G: a zero gradient on an accumulator that starts at 0 gives
 * 0/0 = NaN, and the parameter is lost.
 * @replaces 08-dense-nets/training.ts
 * @mustFail optimizers.epsilon
 */
import type { AdagradOptions, AdagradState, OptimizerStep, Vector } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function adagradStep(params: Vector, grad: Vector, state: AdagradState | undefined, options: AdagradOptions): OptimizerStep<AdagradState> {
  const previous = state?.accumulator ?? new Array<number>(params.length).fill(options.initialAccumulatorValue)
  const accumulator = previous.map((G, i) => G + grad[i]! * grad[i]!)
  return { params: params.map((p, i) => p - (options.learningRate * grad[i]!) / Math.sqrt(accumulator[i]!)), state: { accumulator } }
}

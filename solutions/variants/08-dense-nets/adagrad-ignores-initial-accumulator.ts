/**
 * Adagrad whose accumulator starts at 0 instead of initialAccumulatorValue.
 * @replaces 08-dense-nets/training.ts
 * @mustFail adagradStep.matchesTf
 */
import type { AdagradOptions, AdagradState, OptimizerStep } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function adagradStep(params: number[], grad: number[], state: AdagradState | undefined, options: AdagradOptions): OptimizerStep<AdagradState> {
  const accumulator = (state?.accumulator ?? params.map(() => 0)).map((G, i) => G + grad[i]! ** 2)
  return { params: params.map((p, i) => p - (options.learningRate * grad[i]!) / Math.sqrt(accumulator[i]! + 1e-7)), state: { accumulator } }
}

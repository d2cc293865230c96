/**
 * Momentum that adds the velocity instead of subtracting it: it climbs the loss.
 * @replaces 08-dense-nets/training.ts
 * @mustFail momentumStep.matchesTf
 */
import type { MomentumOptions, MomentumState, OptimizerStep } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function momentumStep(params: number[], grad: number[], state: MomentumState | undefined, options: MomentumOptions): OptimizerStep<MomentumState> {
  const velocity = (state?.velocity ?? params.map(() => 0)).map((v, i) => options.momentum * v + grad[i]!)
  return { params: params.map((p, i) => p + options.learningRate * velocity[i]!), state: { velocity } }
}

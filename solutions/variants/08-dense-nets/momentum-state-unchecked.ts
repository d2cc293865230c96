/**
 * momentumStep that trusts the state it is given: a velocity from a step with fewer parameters
 * gives NaN (undefined · μ) for the missing ones instead of an error.
 * @replaces 08-dense-nets/training.ts
 * @mustFail training.badInput
 */
import { type MomentumOptions, type MomentumState, type OptimizerStep, type Vector, momentumStep as answer } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function momentumStep(params: Vector, grad: Vector, state: MomentumState | undefined, options: MomentumOptions): OptimizerStep<MomentumState> {
  if (state === undefined) return answer(params, grad, undefined, options)
  const velocity = params.map((_, i) => options.momentum * state.velocity[i]! + grad[i]!)
  return { params: params.map((p, i) => p - options.learningRate * velocity[i]!), state: { velocity } }
}

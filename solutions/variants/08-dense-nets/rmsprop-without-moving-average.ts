/**
 * RMSprop that divides by the current |g| only, forgetting the moving average of g².
 * @replaces 08-dense-nets/training.ts
 * @mustFail rmspropStep.matchesTf
 */
import type { OptimizerStep, RmspropOptions, RmspropState } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function rmspropStep(params: number[], grad: number[], _state: RmspropState | undefined, options: RmspropOptions): OptimizerStep<RmspropState> {
  const meanSquare = grad.map((g) => g * g)
  return { params: params.map((p, i) => p - (options.learningRate * grad[i]!) / Math.sqrt(meanSquare[i]! + options.epsilon)), state: { meanSquare } }
}

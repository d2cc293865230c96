/**
 * Adam without ε, p ← p − η·m̂/√v̂: the same steps for ordinary gradients, but a zero gradient at
 * the first step (m = v = 0) gives 0/0 = NaN, and the parameter is lost.
 * @replaces 08-dense-nets/training.ts
 * @mustFail optimizers.epsilon
 */
import type { AdamOptions, AdamState, OptimizerStep, Vector } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function adamStep(params: Vector, grad: Vector, state: AdamState | undefined, options: AdamOptions): OptimizerStep<AdamState> {
  const zeros = () => new Array<number>(params.length).fill(0)
  const before = state ?? { m: zeros(), v: zeros(), t: 0 }
  const t = before.t + 1
  const { beta1, beta2, learningRate } = options
  const m = before.m.map((mi, i) => beta1 * mi + (1 - beta1) * grad[i]!)
  const v = before.v.map((vi, i) => beta2 * vi + (1 - beta2) * grad[i]! * grad[i]!)
  const step = (i: number) => (learningRate * (m[i]! / (1 - beta1 ** t))) / Math.sqrt(v[i]! / (1 - beta2 ** t))
  return { params: params.map((p, i) => p - step(i)), state: { m, v, t } }
}

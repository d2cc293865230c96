/**
 * Adam without bias correction: m and v start at 0, so the first steps are the wrong size.
 * @replaces 08-dense-nets/training.ts
 * @mustFail adamStep.matchesTf adamStep.firstStep
 */
import type { AdamOptions, AdamState, OptimizerStep } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function adamStep(params: number[], grad: number[], state: AdamState | undefined, options: AdamOptions): OptimizerStep<AdamState> {
  const { beta1, beta2, learningRate, epsilon } = options
  const before = state ?? { m: params.map(() => 0), v: params.map(() => 0), t: 0 }
  const m = before.m.map((mi, i) => beta1 * mi + (1 - beta1) * grad[i]!)
  const v = before.v.map((vi, i) => beta2 * vi + (1 - beta2) * grad[i]! ** 2)
  return { params: params.map((p, i) => p - (learningRate * m[i]!) / (Math.sqrt(v[i]!) + epsilon)), state: { m, v, t: before.t + 1 } }
}

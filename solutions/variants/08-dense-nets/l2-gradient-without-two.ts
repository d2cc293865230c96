/**
 * The L2 gradient as λ·w, forgetting the 2 of d(w²)/dw.
 * @replaces 08-dense-nets/training.ts
 * @mustFail l2.gradient
 */
export * from '../../08-dense-nets/training.ts'

export function l2Gradient(weights: number[][][], lambda: number): number[][][] {
  return weights.map((W) => W.map((row) => row.map((w) => lambda * w)))
}

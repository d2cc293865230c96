/**
 * sgd whose default start is random, drawn from rng as a network's weights are, instead of all zeros.
 * With a start given it is the answer key; left out, the run starts elsewhere (and its shuffles draw
 * other numbers).
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail sgd.fullBatchIsGD
 */
import { type FitResult, type SGDOptions, sgd as answer } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function sgd(X: number[][], y: number[], opts: SGDOptions): FitResult {
  if (opts?.start !== undefined || !Array.isArray(X) || !Array.isArray(X[0]) || typeof opts?.rng !== 'function') return answer(X, y, opts)
  const start = { w: X[0].map(() => opts.rng() - 0.5), b: opts.rng() - 0.5 }
  return answer(X, y, { ...opts, start })
}

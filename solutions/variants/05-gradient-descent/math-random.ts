/**
 * Shuffling with Math.random instead of the given rng: runs cannot be repeated.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail batches.reproducible sgd.reproducible
 */
import type { Rng } from '@course/rng'
import { batches as answerBatches, sgd as answerSgd, type FitResult, type SGDOptions } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function batches(n: number, batchSize: number, _rng: Rng): number[][] {
  return answerBatches(n, batchSize, Math.random)
}

export function sgd(X: number[][], y: number[], opts: SGDOptions): FitResult {
  return answerSgd(X, y, { ...opts, rng: Math.random })
}

/**
 * Batches of indices drawn at random with replacement (as the lecture's mini-batch code does): some repeat, some are missed.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail batches.partition
 */
import { randomInt, type Rng } from '@course/rng'

export * from '../../05-gradient-descent/descent.ts'

export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  const out: number[][] = []
  for (let first = 0; first < n; first += batchSize) {
    out.push(Array.from({ length: Math.min(batchSize, n - first) }, () => randomInt(rng, n)))
  }
  return out
}

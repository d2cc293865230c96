/**
 * Batches from indices shuffled by sorting with a random comparator, sort(() => rng() − 0.5).
 * Reproducible and never the identity for long, but far from uniform: on 3 indices V8's sort
 * leaves [0, 1, 2] in place much more often than 1 time in 6.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail batches.uniform
 */
import type { Rng } from '@course/rng'
import { batches as answer } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  answer(n, batchSize, () => 0) // the answer key's checks of n and batchSize
  const order = Array.from({ length: n }, (_, i) => i).sort(() => rng() - 0.5)
  const out: number[][] = []
  for (let first = 0; first < n; first += batchSize) out.push(order.slice(first, first + batchSize))
  return out
}

/**
 * Batches cut from 0, 1, 2, … in order, never shuffled.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail batches.shuffled
 */
import type { Rng } from '@course/rng'

export * from '../../05-gradient-descent/descent.ts'

export function batches(n: number, batchSize: number, _rng: Rng): number[][] {
  const out: number[][] = []
  for (let first = 0; first < n; first += batchSize) out.push(Array.from({ length: Math.min(batchSize, n - first) }, (_, k) => first + k))
  return out
}

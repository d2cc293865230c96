/**
 * Off by one: ⌊n / batchSize⌋ batches, so the short last batch (and its examples) is dropped.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail batches.partition
 */
import type { Rng } from '@course/rng'
import { batches as answer } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  return answer(n, batchSize, rng).filter((batch) => batch.length === batchSize)
}

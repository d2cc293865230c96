/**
 * Dropout that keeps an entry with probability rate (and drops it with 1 − rate).
 * @replaces 08-dense-nets/training.ts
 * @mustFail dropout.rate
 */
import type { Rng } from '@course/rng'

export * from '../../08-dense-nets/training.ts'

export function dropout(x: number[][], rate: number, rng: Rng, training: boolean): number[][] {
  if (!training) return x.map((row) => row.slice())
  return x.map((row) => row.map((v) => (rng() < rate ? v / (1 - rate) : 0)))
}

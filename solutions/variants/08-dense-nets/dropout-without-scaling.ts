/**
 * Dropout that zeroes entries but does not divide the kept ones by 1 − rate.
 * @replaces 08-dense-nets/training.ts
 * @mustFail dropout.scaling
 */
import type { Rng } from '@course/rng'

export * from '../../08-dense-nets/training.ts'

export function dropout(x: number[][], rate: number, rng: Rng, training: boolean): number[][] {
  if (!training) return x.map((row) => row.slice())
  return x.map((row) => row.map((v) => (rng() < rate ? 0 : v)))
}

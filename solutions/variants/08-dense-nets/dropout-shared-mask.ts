/**
 * dropout that draws one mask of columns and applies it to every row of the batch.
 * Each entry is dropped with probability rate, but the rows of a batch all lose the same units, where
 * independent draws would give each example its own mask.
 * @replaces 08-dense-nets/training.ts
 * @mustFail dropout.independent
 */
import type { Rng } from '@course/rng'
import { type Matrix, dropout as answer } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function dropout(x: Matrix, rate: number, rng: Rng, training: boolean): Matrix {
  if (!training || rate === 0 || x.length === 0) return answer(x, rate, rng, training)
  answer([], rate, rng, training)
  const scale = 1 / (1 - rate)
  const keep = x[0]!.map(() => !(rng() < rate))
  return x.map((row) => row.map((v, j) => (keep[j] ? v * scale : 0)))
}

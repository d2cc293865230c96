/**
 * validationSplit that shuffles by sorting the indices with a random comparator, sort(() => rng() − 0.5).
 * Reproducible, every example kept with its label, and each one can end up in either part; but the
 * pairs held out of 5 examples come out with very unequal frequencies.
 * @replaces 08-dense-nets/training.ts
 * @mustFail validationSplit.uniform
 */
import type { Rng } from '@course/rng'
import { type Matrix, type Split, validationSplit as answer } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function validationSplit<Y>(x: Matrix, y: Y[], fraction: number, rng: Rng): { train: Split<Y>; validation: Split<Y> } {
  answer(x, y, fraction, () => 0) // the answer key's checks
  const order = x.map((_, i) => i).sort(() => rng() - 0.5)
  const nValidation = Math.min(x.length - 1, Math.max(1, Math.round(x.length * fraction)))
  const pick = (indices: number[]): Split<Y> => ({ x: indices.map((i) => x[i]!.slice()), y: indices.map((i) => structuredClone(y[i]!)) })
  return { train: pick(order.slice(nValidation)), validation: pick(order.slice(0, nValidation)) }
}

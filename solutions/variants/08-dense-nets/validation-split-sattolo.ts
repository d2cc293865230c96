/**
 * validationSplit whose Fisher–Yates loop draws j from 0 … i − 1 instead of 0 … i (Sattolo's
 * algorithm): it only makes cyclic permutations, so no example ever stays in its place, and with
 * 3 examples the first one is never held out for validation.
 * @replaces 08-dense-nets/training.ts
 * @mustFail validationSplit.small
 */
import type { Rng } from '@course/rng'
import type { Matrix, Split } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function validationSplit<Y>(x: Matrix, y: Y[], fraction: number, rng: Rng): { train: Split<Y>; validation: Split<Y> } {
  if (x.length !== y.length || x.length < 2) throw new RangeError('x and y need the same number of examples, at least two')
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction must be between 0 and 1, got ${fraction}`)
  const order = Array.from({ length: x.length }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * i)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const nValidation = Math.min(x.length - 1, Math.max(1, Math.round(x.length * fraction)))
  const pick = (indices: number[]): Split<Y> => ({ x: indices.map((i) => x[i]!.slice()), y: indices.map((i) => structuredClone(y[i]!)) })
  return { train: pick(order.slice(nValidation)), validation: pick(order.slice(0, nValidation)) }
}

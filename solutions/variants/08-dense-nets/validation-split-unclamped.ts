/**
 * validationSplit that holds out round(n·fraction) examples without keeping one for each part:
 * 2 examples with fraction 0.9 leave nothing to train on, with 0.1 nothing to validate on.
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
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const nValidation = Math.round(x.length * fraction)
  const pick = (indices: number[]): Split<Y> => ({ x: indices.map((i) => x[i]!.slice()), y: indices.map((i) => structuredClone(y[i]!)) })
  return { train: pick(order.slice(nValidation)), validation: pick(order.slice(0, nValidation)) }
}

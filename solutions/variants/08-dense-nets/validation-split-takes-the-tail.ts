/**
 * Keras's validation_split without shuffling: the last fraction of the data, whatever its order.
 * @replaces 08-dense-nets/training.ts
 * @mustFail validationSplit.shuffles
 */
import type { Rng } from '@course/rng'
import type { Split } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function validationSplit<Y>(x: number[][], y: Y[], fraction: number, _rng: Rng): { train: Split<Y>; validation: Split<Y> } {
  const at = x.length - Math.round(x.length * fraction)
  return { train: { x: x.slice(0, at), y: y.slice(0, at) }, validation: { x: x.slice(at), y: y.slice(at) } }
}

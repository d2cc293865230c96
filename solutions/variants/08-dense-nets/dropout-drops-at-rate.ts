/**
 * Dropout that drops an entry when rng() <= rate: the same rate on average, but not the lesson's
 * rule (rng() < rate), so with the same rng it drops entries the lesson keeps.
 * @replaces 08-dense-nets/training.ts
 * @mustFail dropout.threshold
 */
import type { Rng } from '@course/rng'
import type { Matrix } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function dropout(x: Matrix, rate: number, rng: Rng, training: boolean): Matrix {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`rate must be in [0, 1), got ${rate}`)
  if (!training) return x.map((row) => row.slice())
  return x.map((row) => row.map((v) => (rng() <= rate ? 0 : v / (1 - rate))))
}

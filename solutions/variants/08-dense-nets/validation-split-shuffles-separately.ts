/**
 * A validation split that shuffles x and y with two different permutations, so labels lose their examples.
 * @replaces 08-dense-nets/training.ts
 * @mustFail validationSplit.partition
 */
import type { Rng } from '@course/rng'
import type { Split } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

function shuffledCopy<T>(items: T[], rng: Rng): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

export function validationSplit<Y>(x: number[][], y: Y[], fraction: number, rng: Rng): { train: Split<Y>; validation: Split<Y> } {
  const xs = shuffledCopy(x, rng)
  const ys = shuffledCopy(y, rng)
  const nv = Math.round(x.length * fraction)
  return { train: { x: xs.slice(nv), y: ys.slice(nv) }, validation: { x: xs.slice(0, nv), y: ys.slice(0, nv) } }
}

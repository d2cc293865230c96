/**
 * mse checks xs for non-finite numbers but not ys, so a NaN target gives a NaN loss instead of an error.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail search.badInputNamed
 */
import { mse as answer } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function mse(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  answer(w, b, xs, xs) // the answer key's checks, on xs only
  if (xs.length !== ys.length) throw new RangeError(`xs and ys must have the same length, got ${xs.length} and ${ys.length}`)
  let total = 0
  for (let i = 0; i < xs.length; i++) total += (w * xs[i]! + b - ys[i]!) ** 2
  return total / xs.length
}

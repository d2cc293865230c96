/**
 * Bad input refused with a RangeError whose message does not say which argument is wrong.
 * @replaces 01-limits/limits.ts
 * @mustFail deltas.badInputNamed
 */
import type { Rng } from '@course/rng'
import * as answer from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

const unnamed = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
  try {
    return fn(...args)
  } catch (error) {
    throw error instanceof RangeError ? new RangeError('invalid input') : error
  }
}

export const quotientDelta: (eps: number) => number = unnamed(answer.quotientDelta)
export const linearDelta: (m: number, eps: number) => number = unnamed(answer.linearDelta)
export const findCounterexample: (f: answer.RealFn, a: number, L: number, delta: number, eps: number, rng: Rng) => number | null = unnamed(answer.findCounterexample)

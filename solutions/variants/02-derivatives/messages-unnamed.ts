/**
 * Bad input refused with a RangeError whose message does not say which argument is wrong.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derivatives.badInputNamed
 */
import * as answer from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

function unnamed<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args)
    } catch (error) {
      throw error instanceof RangeError ? new RangeError('invalid argument') : error
    }
  }
}

export const numericDerivative = unnamed(answer.numericDerivative)
export const gradient = unnamed(answer.gradient)

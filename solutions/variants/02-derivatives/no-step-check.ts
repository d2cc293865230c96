/**
 * numericDerivative without checking its arguments: h = 0 gives 0/0 = NaN instead of an error.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail numericDerivative.badInput
 */
import type { RealFn } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function numericDerivative(f: RealFn, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h)
}

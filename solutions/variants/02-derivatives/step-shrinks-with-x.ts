/**
 * A default step divided by |x| instead of multiplied: at x = 10⁴ it is 6e-10, and rounding swamps the difference.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail numericDerivative.largeX
 */
import { numericDerivative as answer, type RealFn } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function numericDerivative(f: RealFn, x: number, h?: number): number {
  return answer(f, x, h ?? Math.cbrt(Number.EPSILON) / Math.max(1, Math.abs(x)))
}

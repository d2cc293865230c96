/**
 * The central difference with a default step of 1e-10: rounding (about eps·|f|/h) swamps the answer.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail numericDerivative.accurate
 */
import { numericDerivative as answer, type RealFn } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function numericDerivative(f: RealFn, x: number, h?: number): number {
  return answer(f, x, h ?? 1e-10)
}

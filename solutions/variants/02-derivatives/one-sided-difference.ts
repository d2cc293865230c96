/**
 * A one-sided (forward) difference (f(x + h) − f(x)) / h instead of the central one (curriculum 02).
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail numericDerivative.central
 */
import type { RealFn } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function numericDerivative(f: RealFn, x: number, h?: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`x must be a finite number, got ${x}`)
  if (h !== undefined && !(h > 0 && Number.isFinite(h))) throw new RangeError(`h must be a positive finite number, got ${h}`)
  // √eps is the best step for a one-sided difference; it is still only first-order accurate.
  const step = h ?? Math.sqrt(Number.EPSILON) * Math.max(1, Math.abs(x))
  return (f(x + step) - f(x)) / step
}

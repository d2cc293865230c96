/**
 * isCriticalPoint compares the squared length ‖∇f‖² with tol (saving a square root).
 * It says "critical" wherever ‖∇f‖ ≤ √tol, which for tol = 1e-3 lets partial derivatives of 0.03 through.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail isCriticalPoint.notCritical
 */
import { gradient, type ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  if (!(typeof tol === 'number' && tol > 0 && Number.isFinite(tol))) throw new RangeError(`tol must be a positive finite number, got ${tol}`)
  return gradient(f, x).reduce((s, g) => s + g * g, 0) <= tol
}

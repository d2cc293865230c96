/**
 * isCriticalPoint that looks only at the first partial derivative.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail isCriticalPoint.notCritical
 */
import { gradient, type ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  if (!(tol > 0 && Number.isFinite(tol))) throw new RangeError(`tol must be a positive finite number, got ${tol}`)
  return Math.abs(gradient(f, x)[0]!) <= tol
}

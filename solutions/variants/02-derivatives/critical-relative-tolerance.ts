/**
 * isCriticalPoint with a tolerance relative to the size of f, ‖∇f‖ ≤ tol·max(1, |f(x)|).
 * Where |f| is large (a constant of 50 added to f, say) a slope many times tol counts as flat.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail isCriticalPoint.notCritical
 */
import { gradient, type ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  if (!(typeof tol === 'number' && tol > 0 && Number.isFinite(tol))) throw new RangeError(`tol must be a positive finite number, got ${tol}`)
  return Math.hypot(...gradient(f, x)) <= tol * Math.max(1, Math.abs(f(x)))
}

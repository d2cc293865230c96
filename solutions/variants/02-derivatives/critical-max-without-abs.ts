/**
 * Sign slip: isCriticalPoint tests max(∂f/∂xᵢ) ≤ tol without absolute values, so any downhill gradient looks critical.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail isCriticalPoint.notCritical
 */
import { gradient, isCriticalPoint as answer, type ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  answer(f, x, tol) // the answer key's checks of x and tol
  return Math.max(...gradient(f, x)) <= tol
}

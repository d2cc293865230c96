/**
 * isCriticalPoint that also demands an extremum, so a saddle point (∇f = 0) is wrongly not critical.
 * (It requires f to be lower, or higher, at every neighbour along the axes.)
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail isCriticalPoint.saddle
 */
import { isCriticalPoint as answer, type ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  if (!answer(f, x, tol)) return false
  const fx = f(x)
  const around = x.flatMap((xi, i) => [-1e-2, 1e-2].map((d) => f(x.map((v, j) => (j === i ? xi + d : v)))))
  return around.every((v) => v >= fx) || around.every((v) => v <= fx)
}

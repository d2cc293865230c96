/**
 * The product rule without the cap min(1, …) on the tolerance asked of g: wrong for large ε.
 * Right while ε ≤ 2(1 + |L|); for L, M near 0 and ε ≥ 4 the term (f − L)(g − M) alone reaches ε²/4 ≥ ε.
 * @replaces 01-limits/limits.ts
 * @mustFail productRule.valid
 */
import type { DeltaFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function productRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn, L: number, M: number): DeltaFn {
  return (eps) => Math.min(deltaF(eps / (2 * (1 + Math.abs(M)))), deltaG(eps / (2 * (1 + Math.abs(L)))))
}

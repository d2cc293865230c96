/**
 * The scale rule dividing δ by |c| instead of asking δf for ε/|c|: right for lines only.
 * Too large for a root (δ = ε²) and needlessly small for a parabola (δ = √ε) once |c| ≥ 2.
 * @replaces 01-limits/limits.ts
 * @mustFail scaleRule.valid scaleRule.notTooSmall
 */
import type { DeltaFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function scaleRuleDelta(c: number, deltaF: DeltaFn): DeltaFn {
  return (eps) => (c === 0 ? deltaF(1) : deltaF(eps) / Math.abs(c))
}

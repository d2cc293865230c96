/**
 * The sum rule halving δ instead of ε, min(δf(ε), δg(ε))/2: right for lines only.
 * For lines δ(ε)/2 is δ(ε/2); for a root L + √|x − a| (δ = ε²) it is twice too large, for a parabola
 * (δ = √ε) needlessly small.
 * @replaces 01-limits/limits.ts
 * @mustFail sumRule.valid sumRule.notTooSmall
 */
import type { DeltaFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function sumRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn): DeltaFn {
  return (eps) => Math.min(deltaF(eps), deltaG(eps)) / 2
}

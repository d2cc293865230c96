/**
 * The product rule handled like the sum rule, min(δf(ε/2), δg(ε/2)), ignoring the sizes of L and M.
 * @replaces 01-limits/limits.ts
 * @mustFail productRule.valid
 */
import type { DeltaFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function productRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn, _L: number, _M: number): DeltaFn {
  return (eps) => Math.min(deltaF(eps / 2), deltaG(eps / 2))
}

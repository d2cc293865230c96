/**
 * The sum rule combined with ε instead of ε/2 (curriculum 01).
 * @replaces 01-limits/limits.ts
 * @mustFail sumRule.valid
 */
import type { DeltaFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function sumRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn): DeltaFn {
  return (eps) => Math.min(deltaF(eps), deltaG(eps))
}

/**
 * The scale rule asks δf for ε·|c| instead of ε/|c|.
 * @replaces 01-limits/limits.ts
 * @mustFail scaleRule.valid
 */
import type { DeltaFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function scaleRuleDelta(c: number, deltaF: DeltaFn): DeltaFn {
  return (eps) => (c === 0 ? deltaF(1) : deltaF(eps * Math.abs(c)))
}

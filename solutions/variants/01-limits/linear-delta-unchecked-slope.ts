/**
 * linearDelta accepts a slope of NaN or ±Infinity and returns NaN or 0 instead of refusing it.
 * @replaces 01-limits/limits.ts
 * @mustFail linearDelta.badSlope
 */
import { quotientDelta } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function linearDelta(m: number, eps: number): number {
  quotientDelta(eps) // the answer key's check of ε
  return m === 0 ? 1 : eps / Math.abs(m)
}

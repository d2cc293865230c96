/**
 * ε/|m| also for m = 0, which gives δ = Infinity instead of a finite number.
 * @replaces 01-limits/limits.ts
 * @mustFail linearDelta.zeroSlope
 */
import { linearDelta as answer } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function linearDelta(m: number, eps: number): number {
  answer(m, eps)
  return eps / Math.abs(m)
}

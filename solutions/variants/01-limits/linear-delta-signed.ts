/**
 * Sign slip: δ = ε/m without the absolute value, negative for a falling line.
 * @replaces 01-limits/limits.ts
 * @mustFail linearDelta.valid
 */
import { linearDelta as answer } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function linearDelta(m: number, eps: number): number {
  const checked = answer(m, eps) // the answer key's checks of m and ε
  return m === 0 ? checked : eps / m
}

/**
 * Compares the two sides but never checks that each side settles, so sin(c/(x − a)²) gets a "limit".
 * @replaces 01-limits/limits.ts
 * @mustFail limit.oscillation
 */
import type { RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function limit(f: RealFn, a: number): number {
  const left = f(a - 1e-6)
  const right = f(a + 1e-6)
  if (!Number.isFinite(left) || !Number.isFinite(right) || Math.abs(left - right) > 1e-2) return NaN
  return (left + right) / 2
}

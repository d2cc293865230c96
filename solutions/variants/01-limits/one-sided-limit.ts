/**
 * A limit taken from the right only, so a jump goes unnoticed.
 * @replaces 01-limits/limits.ts
 * @mustFail limit.jump
 */
import type { RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function limit(f: RealFn, a: number): number {
  const near = f(a + 1e-7)
  return Number.isFinite(near) && Math.abs(near - f(a + 1e-6)) < 1e-3 ? near : NaN
}

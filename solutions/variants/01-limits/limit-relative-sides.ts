/**
 * Compares the one-sided limits relative to their size (1%): misses small jumps on large values.
 * Right for jumps on small values, but a jump of 0.5 on values near 90 passes as "no jump".
 * @replaces 01-limits/limits.ts
 * @mustFail limit.jump
 */
import type { RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

const STEPS = [1e-4, 1e-5, 1e-6, 1e-7, 1e-8]

function side(f: RealFn, a: number, sign: 1 | -1): number {
  const values = STEPS.map((h) => f(a + sign * h))
  if (!values.every(Number.isFinite)) return NaN
  for (let i = 0; i + 1 < values.length; i++) if (Math.abs(values[i]! - values[i + 1]!) > 1e-4 + 1e3 * STEPS[i]!) return NaN
  return values[2]!
}

export function limit(f: RealFn, a: number): number {
  const left = side(f, a, -1)
  const right = side(f, a, 1)
  if (Number.isNaN(left) || Number.isNaN(right)) return NaN
  if (Math.abs(left - right) > 1e-2 * Math.max(1, Math.abs(left), Math.abs(right))) return NaN
  return (left + right) / 2
}

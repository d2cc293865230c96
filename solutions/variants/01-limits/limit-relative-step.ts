/**
 * Steps relative to the point, a ± h·|a|: at a = 0 every step is 0 and the samples are f(a) itself.
 * That is NaN at a removable singularity such as sin(x)/x, or whatever value f(a) was given.
 * @replaces 01-limits/limits.ts
 * @mustFail limit.lecture limit.removable limit.valueAtA
 */
import type { RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

const STEPS = [1e-4, 1e-5, 1e-6, 1e-7, 1e-8]

function side(f: RealFn, a: number, sign: 1 | -1): number {
  const values = STEPS.map((h) => f(a + sign * h * Math.abs(a)))
  if (!values.every(Number.isFinite)) return NaN
  for (let i = 0; i + 1 < values.length; i++) if (Math.abs(values[i]! - values[i + 1]!) > 1e-4 + 1e3 * STEPS[i]! * Math.max(1, Math.abs(a))) return NaN
  return values[2]!
}

export function limit(f: RealFn, a: number): number {
  const left = side(f, a, -1)
  const right = side(f, a, 1)
  if (Number.isNaN(left) || Number.isNaN(right) || Math.abs(left - right) > 1e-2) return NaN
  return (left + right) / 2
}

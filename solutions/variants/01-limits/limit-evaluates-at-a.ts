/**
 * The limit read off f(a) whenever f(a) is a number, as if every function were continuous.
 * @replaces 01-limits/limits.ts
 * @mustFail limit.valueAtA limit.jump
 */
import { limit as answer, type RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function limit(f: RealFn, a: number): number {
  const value = f(a)
  return Number.isFinite(value) ? value : answer(f, a)
}

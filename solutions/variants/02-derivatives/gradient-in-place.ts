/**
 * gradient that nudges x[i] in place and "restores" it with x[i] -= h, which rounding does not undo.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derivatives.argumentsUnchanged
 */
import type { ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function gradient(f: ScalarField, x: readonly number[], h?: number): number[] {
  if (!Array.isArray(x) || x.length === 0 || !x.every(Number.isFinite)) throw new RangeError('x must be a non-empty array of finite numbers')
  if (h !== undefined && !(h > 0 && Number.isFinite(h))) throw new RangeError(`h must be a positive finite number, got ${h}`)
  const p = x as number[]
  return p.map((_, i) => {
    const step = h ?? 6e-6 * Math.max(1, Math.abs(p[i]!))
    p[i] += step
    const right = f(p)
    p[i] -= 2 * step
    const left = f(p)
    p[i] += step
    return (right - left) / (2 * step)
  })
}

/**
 * gradient by one-sided differences along each axis.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail gradient.central
 */
import type { ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function gradient(f: ScalarField, x: readonly number[], h?: number): number[] {
  if (!Array.isArray(x) || x.length === 0 || !x.every(Number.isFinite)) throw new RangeError('x must be a non-empty array of finite numbers')
  if (h !== undefined && !(h > 0 && Number.isFinite(h))) throw new RangeError(`h must be a positive finite number, got ${h}`)
  const fx = f(x)
  return x.map((xi, i) => {
    const step = h ?? Math.sqrt(Number.EPSILON) * Math.max(1, Math.abs(xi))
    const moved = x.slice()
    moved[i] = xi + step
    return (f(moved) - fx) / step
  })
}

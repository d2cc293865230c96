/**
 * Softmax without subtracting max(z): e^1000 overflows to Infinity and Infinity/Infinity is NaN.
 * @replaces 06-classification/classification.ts
 * @mustFail softmax.extreme softmax.shiftInvariant
 */
export * from '../../06-classification/classification.ts'

export function softmax(z: readonly number[]): number[] {
  if (z.length === 0 || z.some((v) => !Number.isFinite(v))) throw new RangeError('z must be a non-empty vector of finite numbers')
  const e = z.map(Math.exp)
  const s = e.reduce((a, v) => a + v, 0)
  return e.map((v) => v / s)
}

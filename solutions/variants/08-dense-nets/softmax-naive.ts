/**
 * Softmax without subtracting the maximum: e^1000 is Infinity and Infinity/Infinity is NaN.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail softmax.stable
 */
export * from '../../08-dense-nets/dense.ts'

export function softmax(z: number[]): number[] {
  const e = z.map(Math.exp)
  const sum = e.reduce((s, v) => s + v, 0)
  return e.map((v) => v / sum)
}

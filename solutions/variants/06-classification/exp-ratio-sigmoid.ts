/**
 * σ(z) as e^z/(1 + e^z) for every z: above z ≈ 709 it is Infinity/Infinity = NaN.
 * @replaces 06-classification/classification.ts
 * @mustFail sigmoid.range sigmoid.accurate sigmoid.symmetry
 */
export * from '../../06-classification/classification.ts'

export function sigmoid(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number')
  const e = Math.exp(z)
  return e / (1 + e)
}

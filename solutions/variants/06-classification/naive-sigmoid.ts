/**
 * σ(z) as 1/(1 + e^−z) for every z: below z ≈ −709 e^−z overflows and σ becomes exactly 0.
 * @replaces 06-classification/classification.ts
 * @mustFail sigmoid.accurate
 */
export * from '../../06-classification/classification.ts'

export function sigmoid(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number')
  return 1 / (1 + Math.exp(-z))
}

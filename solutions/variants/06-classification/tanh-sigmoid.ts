/**
 * σ(z) as (1 + tanh(z/2))/2: exact in theory, but 1 + tanh(z/2) cancels to 0 already near z = −40.
 * @replaces 06-classification/classification.ts
 * @mustFail sigmoid.accurate
 */
export * from '../../06-classification/classification.ts'

export function sigmoid(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number')
  return (1 + Math.tanh(z / 2)) / 2
}

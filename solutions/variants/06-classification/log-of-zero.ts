/**
 * Cross-entropies without clipping: 0·ln 0 = 0·(−Infinity) = NaN, and a wrong sure answer costs Infinity.
 * @replaces 06-classification/classification.ts
 * @mustFail binaryCrossEntropy.edges categoricalCrossEntropy.edges
 */
export * from '../../06-classification/classification.ts'

export function binaryCrossEntropy(p: number, y: number): number {
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p))
}

export function categoricalCrossEntropy(p: readonly number[], y: readonly number[]): number {
  if (p.length === 0 || p.length !== y.length) throw new RangeError('p and y must be non-empty and of equal length')
  return -p.reduce((s, pk, k) => s + y[k]! * Math.log(pk), 0)
}

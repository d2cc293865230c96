/**
 * Adds the entries themselves instead of their sizes (forgets Math.abs).
 * @replaces 10-functional-models/functional-models.ts
 * @mustFail l1Norm.oracle
 */
export function l1Norm(v: readonly number[]): number {
  if (v.length === 0) throw new RangeError('l1Norm: the vector is empty')
  return v.reduce((sum, x) => sum + x, 0)
}

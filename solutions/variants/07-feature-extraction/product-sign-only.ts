/**
 * The sign of x·y instead of the product itself.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail product.exact
 */
export * from '../../07-feature-extraction/feature-extraction.ts'

export function product(point: readonly number[]): number {
  if (point.length !== 2 || !point.every(Number.isFinite)) throw new RangeError('a point is two finite numbers')
  return Math.sign(point[0]! * point[1]!)
}

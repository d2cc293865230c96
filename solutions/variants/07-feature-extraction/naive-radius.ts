/**
 * radius as Math.sqrt(x*x + y*y): (3e200)² overflows to Infinity and (3e-200)² underflows to 0.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail radius.extremes
 */
export * from '../../07-feature-extraction/feature-extraction.ts'

export function radius(point: readonly number[]): number {
  if (point.length !== 2 || !point.every(Number.isFinite)) throw new RangeError('a point is two finite numbers')
  const [x, y] = point as [number, number]
  return Math.sqrt(x * x + y * y)
}

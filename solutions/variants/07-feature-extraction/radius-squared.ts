/**
 * The squared radius x² + y² instead of the radius (the square root forgotten).
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail radius.hypot radius.extremes
 */
export * from '../../07-feature-extraction/feature-extraction.ts'

export function radius(point: readonly number[]): number {
  if (point.length !== 2 || !point.every(Number.isFinite)) throw new RangeError('a point is two finite numbers')
  const [x, y] = point as [number, number]
  return x * x + y * y
}

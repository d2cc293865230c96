/**
 * Polynomial features from every ordered tuple of coordinates: xy and yx both appear.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail polynomialFeatures.count polynomialFeatures.monomials
 */
export * from '../../07-feature-extraction/feature-extraction.ts'

export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  if (x.length === 0 || !Number.isInteger(degree) || degree < 1) throw new RangeError('bad x or degree')
  const out: number[] = []
  let level = x.slice()
  for (let t = 1; t <= degree; t++) {
    out.push(...level)
    level = level.flatMap((m) => x.map((v) => m * v))
  }
  return out
}

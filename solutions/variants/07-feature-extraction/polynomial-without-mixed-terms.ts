/**
 * Polynomial features as powers of each coordinate only (x, x², y, y²): the mixed terms such as xy are missing.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail polynomialFeatures.count polynomialFeatures.monomials polynomialFeatures.separates
 */
export * from '../../07-feature-extraction/feature-extraction.ts'

export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  if (x.length === 0 || !Number.isInteger(degree) || degree < 1) throw new RangeError('bad x or degree')
  return x.flatMap((v) => Array.from({ length: degree }, (_, k) => v ** (k + 1)))
}

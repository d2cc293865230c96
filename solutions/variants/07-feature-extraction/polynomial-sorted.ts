/**
 * The right monomials, but sorted by value: the i-th feature means a different monomial at different points.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail polynomialFeatures.monomials
 */
import { polynomialFeatures as answer } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  return answer(x, degree).sort((a, b) => a - b)
}

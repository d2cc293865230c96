/**
 * Polynomial features that start with the constant 1 (degree 0), which the bias b already provides.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail polynomialFeatures.count polynomialFeatures.monomials
 */
import { polynomialFeatures as answer } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  return [1, ...answer(x, degree)]
}

/**
 * A constant column standardized to 0 but with its scale reported as 0, so (x − mean)/scale is undefined for new data.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail standardize.constantColumn standardize.formula
 */
import { standardize as answer, type Standardized } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function standardize(X: readonly number[][]): Standardized {
  const result = answer(X)
  const constant = X[0]!.map((v, j) => X.every((row) => row[j] === v))
  return { ...result, scale: result.scale.map((s, j) => (constant[j] ? 0 : s)) }
}

/**
 * standardize that takes a column for constant when its standard deviation is below 1e-8.
 * Right for the constant columns (σ = 0, or a rounding error away from it) and for ordinary ones; a
 * column of tiny values (σ about 1e-10, but not 0) is flattened to 0 with scale 1 instead of being
 * standardized.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail standardize.formula standardize.meanZeroVarianceOne
 */
import { type Standardized, standardize as answer } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function standardize(X: readonly number[][]): Standardized {
  const result = answer(X)
  const tiny = result.scale.map((s) => s < 1e-8)
  return {
    mean: result.mean,
    scale: result.scale.map((s, j) => (tiny[j] ? 1 : s)),
    Z: result.Z.map((row) => row.map((z, j) => (tiny[j] ? 0 : z))),
  }
}

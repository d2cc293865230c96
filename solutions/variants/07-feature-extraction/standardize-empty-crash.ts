/**
 * standardize without a check for an empty X: X[0].length crashes with JavaScript's "Cannot read properties of undefined" instead of a message naming the problem.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail features.badInputChecked
 */
import { type Standardized, standardize as answer } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

export function standardize(X: readonly number[][]): Standardized {
  const d = X[0]!.length
  if (d === 0) throw new RangeError('the rows of X must have at least one column')
  return answer(X)
}

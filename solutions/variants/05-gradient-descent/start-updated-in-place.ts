/**
 * gdMultivariate uses opts.start.w itself as its weights and updates it in place, changing the caller's start.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail descent.argumentsUnchanged
 */
import { gdMultivariate as answer, type FitResult, type GDOptions } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function gdMultivariate(X: readonly (readonly number[])[], y: readonly number[], opts: GDOptions): FitResult {
  const result = answer(X, y, opts)
  if (opts.start) result.w.forEach((v, j) => (opts.start!.w[j] = v))
  return result
}

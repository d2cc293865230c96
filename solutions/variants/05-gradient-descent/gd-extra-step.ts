/**
 * Off by one: gdMultivariate's loop runs while step <= steps, one update more than asked for.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail gdMultivariate.matchesReference
 */
import { gdMultivariate as answer, type FitResult, type GDOptions } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function gdMultivariate(X: readonly (readonly number[])[], y: readonly number[], opts: GDOptions): FitResult {
  const result = answer(X, y, { ...opts, steps: opts.steps + 1 })
  return { ...result, losses: result.losses.slice(1) }
}

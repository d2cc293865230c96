/**
 * gdMultivariate whose default start is all ones ("zeros would not move"), not all zeros as the lesson
 * says; with a start given it is right.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail gdMultivariate.matchesReference
 */
import { type FitResult, type GDOptions, gdMultivariate as answer } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function gdMultivariate(X: number[][], y: number[], opts: GDOptions): FitResult {
  if (opts?.start !== undefined || !Array.isArray(X) || !Array.isArray(X[0])) return answer(X, y, opts)
  return answer(X, y, { ...opts, start: { w: X[0].map(() => 1), b: 1 } })
}

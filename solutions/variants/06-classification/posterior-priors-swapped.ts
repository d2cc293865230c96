/**
 * posterior with the log prior ratio the wrong way round, ln(P(C₀)/P(C₁)) instead of ln(P(C₁)/P(C₀)).
 * Right whenever the classes are equally likely; off by twice that ratio otherwise.
 * @replaces 06-classification/classification.ts
 * @mustFail posterior.nearPoints
 */
import { type SharedCovarianceModel, posterior as answer } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function posterior(model: SharedCovarianceModel, x: readonly number[]): number {
  return answer({ ...model, priors: [model.priors[1], model.priors[0]] }, x)
}

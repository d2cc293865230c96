/**
 * The posterior as a ratio of densities: far from both means both underflow to 0, and 0/0 is NaN.
 * @replaces 06-classification/classification.ts
 * @mustFail posterior.farPoints
 */
import type { SharedCovarianceModel } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

/** The 2 × 2 or smaller inverse is enough for a sketch; larger Σ use the adjugate of a 3 × 3. */
function inverse(A: readonly number[][]): number[][] {
  if (A.length === 1) return [[1 / A[0]![0]!]]
  if (A.length === 2) {
    const [[a, b], [c, d]] = A as [[number, number], [number, number]]
    const det = a * d - b * c
    return [[d / det, -b / det], [-c / det, a / det]]
  }
  const m = (i: number, j: number) => A[i % 3]![j % 3]!
  const cof = (i: number, j: number) => m(i + 1, j + 1) * m(i + 2, j + 2) - m(i + 1, j + 2) * m(i + 2, j + 1)
  const det = A[0]!.reduce((s, v, j) => s + v * cof(0, j), 0)
  return [0, 1, 2].map((i) => [0, 1, 2].map((j) => cof(j, i) / det))
}

export function posterior(model: SharedCovarianceModel, x: readonly number[]): number {
  if (x.length !== model.cov.length) throw new RangeError('x has the wrong length')
  const P = inverse(model.cov)
  const density = (mean: readonly number[]) => {
    const d = x.map((v, j) => v - mean[j]!)
    const q = d.reduce((s, di, i) => s + di * P[i]!.reduce((t, pij, j) => t + pij * d[j]!, 0), 0)
    return Math.exp(-q / 2)
  }
  const p1 = density(model.means[1]) * model.priors[1]
  const p0 = density(model.means[0]) * model.priors[0]
  return p1 / (p1 + p0)
}

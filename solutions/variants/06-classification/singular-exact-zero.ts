/**
 * posterior solves Σ·v = x − μ by elimination but calls Σ singular only when a pivot is exactly 0. In
 * floating point a singular Σ such as [[1, 0.1], [0.1, 0.01]] leaves a pivot of −1.7e−18, and the
 * "probability" it returns comes from dividing by rounding noise.
 * @replaces 06-classification/classification.ts
 * @mustFail gaussian.badInput
 */
import { posterior as answer, type SharedCovarianceModel } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

function solveExact(A: readonly number[][], r: readonly number[]): number[] {
  const n = A.length
  const M = A.map((row, i) => [...row, r[i]!])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let i = c + 1; i < n; i++) if (Math.abs(M[i]![c]!) > Math.abs(M[p]![c]!)) p = i
    if (M[p]![c] === 0) throw new RangeError('the covariance matrix is singular')
    ;[M[c], M[p]] = [M[p]!, M[c]!]
    for (let i = c + 1; i < n; i++) {
      const f = M[i]![c]! / M[c]![c]!
      for (let j = c; j <= n; j++) M[i]![j]! -= f * M[c]![j]!
    }
  }
  const v = new Array<number>(n).fill(0)
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i]![n]!
    for (let j = i + 1; j < n; j++) s -= M[i]![j]! * v[j]!
    v[i] = s / M[i]![i]!
  }
  return v
}

export function posterior(model: SharedCovarianceModel, x: readonly number[]): number {
  // The answer key checks the shapes (and refuses a Σ that is singular beyond doubt); only the
  // pivot test differs, so compute a with the exact-zero elimination.
  const checked = (() => {
    try {
      return answer(model, x)
    } catch (error) {
      if (error instanceof RangeError && /singular/.test(error.message)) return undefined
      throw error
    }
  })()
  if (checked !== undefined) return checked
  const half = (mean: readonly number[]) => {
    const diff = x.map((v, j) => v - mean[j]!)
    return 0.5 * diff.reduce((s, d, j) => s + d * solveExact(model.cov, diff)[j]!, 0)
  }
  const a = half(model.means[0]) - half(model.means[1]) + Math.log(model.priors[1]) - Math.log(model.priors[0])
  if (Number.isNaN(a)) throw new RangeError('the covariance matrix is singular')
  return 1 / (1 + Math.exp(-a))
}

/**
 * sgd that shuffles its examples itself by sorting with a random comparator (its batches() is right).
 * Each epoch is reproducible and uses every example once, but the orders are skewed: on 3 examples
 * [0, 1, 2] comes out far more often than 1 time in 6.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail sgd.shuffleUniform
 */
import { type FitResult, type Linear, type SGDOptions, gdMultivariate } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

const mse = (p: Linear, X: readonly (readonly number[])[], y: readonly number[]) =>
  X.reduce((s, row, i) => s + (row.reduce((t, v, j) => t + v * p.w[j]!, p.b) - y[i]!) ** 2, 0) / X.length

export function sgd(X: number[][], y: number[], opts: SGDOptions): FitResult {
  gdMultivariate(X, y, { learningRate: opts?.learningRate, steps: 0, ...(opts?.start ? { start: opts.start } : {}) }) // the answer key's checks of the data
  if (!Number.isInteger(opts.epochs) || opts.epochs < 0) throw new RangeError(`epochs must be a whole number ≥ 0, got ${opts.epochs}`)
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1, got ${opts.batchSize}`)
  let p: Linear = opts.start ? { w: opts.start.w.slice(), b: opts.start.b } : { w: X[0]!.map(() => 0), b: 0 }
  const losses = [mse(p, X, y)]
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = X.map((_, i) => i).sort(() => opts.rng() - 0.5)
    for (let first = 0; first < order.length; first += opts.batchSize) {
      const rows = order.slice(first, first + opts.batchSize)
      const gw = p.w.map(() => 0)
      let gb = 0
      for (const i of rows) {
        const r = X[i]!.reduce((t, v, j) => t + v * p.w[j]!, p.b) - y[i]!
        X[i]!.forEach((v, j) => (gw[j]! += r * v))
        gb += r
      }
      const scale = (2 / rows.length) * opts.learningRate
      p = { w: p.w.map((wj, j) => wj - scale * gw[j]!), b: p.b - scale * gb }
    }
    losses.push(mse(p, X, y))
  }
  return { ...p, losses }
}

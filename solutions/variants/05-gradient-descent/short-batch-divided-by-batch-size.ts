/**
 * Every batch gradient divided by batchSize, also for the shorter last batch of an epoch.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail sgd.batchMean
 */
import { batches, type FitResult, type SGDOptions } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function sgd(X: number[][], y: number[], opts: SGDOptions): FitResult {
  const n = X.length
  const predict = (w: number[], b: number, x: number[]) => w.reduce((s, wj, j) => s + wj * x[j]!, b)
  const loss = (w: number[], b: number) => X.reduce((s, x, i) => s + (predict(w, b, x) - y[i]!) ** 2, 0) / n
  let w = opts.start ? opts.start.w.slice() : X[0]!.map(() => 0)
  let b = opts.start?.b ?? 0
  const losses = [loss(w, b)]
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const rows of batches(n, opts.batchSize, opts.rng)) {
      const m = opts.batchSize
      const r = rows.map((i) => predict(w, b, X[i]!) - y[i]!)
      const gw = w.map((_, j) => (2 / m) * rows.reduce((s, i, k) => s + r[k]! * X[i]![j]!, 0))
      const gb = (2 / m) * r.reduce((s, v) => s + v, 0)
      w = w.map((wj, j) => wj - opts.learningRate * gw[j]!)
      b -= opts.learningRate * gb
    }
    losses.push(loss(w, b))
  }
  return { w, b, losses }
}

/**
 * X and y shuffled separately, each with its own permutation, so rows lose their targets.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail sgd.pairsKept sgd.fullBatchIsGD
 */
import { shuffled } from '@course/rng'
import type { FitResult, SGDOptions } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function sgd(X: number[][], y: number[], opts: SGDOptions): FitResult {
  const n = X.length
  const predict = (w: number[], b: number, x: number[]) => w.reduce((s, wj, j) => s + wj * x[j]!, b)
  const loss = (w: number[], b: number) => X.reduce((s, x, i) => s + (predict(w, b, x) - y[i]!) ** 2, 0) / n
  let w = opts.start ? opts.start.w.slice() : X[0]!.map(() => 0)
  let b = opts.start?.b ?? 0
  const losses = [loss(w, b)]
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const Xs = shuffled(X, opts.rng)
    const ys = shuffled(y, opts.rng)
    for (let first = 0; first < n; first += opts.batchSize) {
      const rows = Xs.slice(first, first + opts.batchSize)
      const targets = ys.slice(first, first + opts.batchSize)
      const m = rows.length
      const r = rows.map((x, k) => predict(w, b, x) - targets[k]!)
      const gw = w.map((_, j) => (2 / m) * rows.reduce((s, x, k) => s + r[k]! * x[j]!, 0))
      const gb = (2 / m) * r.reduce((s, v) => s + v, 0)
      w = w.map((wj, j) => wj - opts.learningRate * gw[j]!)
      b -= opts.learningRate * gb
    }
    losses.push(loss(w, b))
  }
  return { w, b, losses }
}

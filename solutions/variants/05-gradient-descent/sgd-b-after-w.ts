/**
 * Mini-batch SGD that updates the weights first and then computes ∂/∂b with the new weights.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail sgd.sameBatch
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
      const m = rows.length
      const gw = w.map((_, j) => (2 / m) * rows.reduce((s, i) => s + (predict(w, b, X[i]!) - y[i]!) * X[i]![j]!, 0))
      w = w.map((wj, j) => wj - opts.learningRate * gw[j]!)
      b -= opts.learningRate * (2 / m) * rows.reduce((s, i) => s + (predict(w, b, X[i]!) - y[i]!), 0)
    }
    losses.push(loss(w, b))
  }
  return { w, b, losses }
}

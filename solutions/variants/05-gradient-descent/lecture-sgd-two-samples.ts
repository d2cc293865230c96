/**
 * The lecture's SGD: dldw and dldb each draw their own random examples, so ∂/∂w and ∂/∂b come from different samples.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail sgd.sameBatch
 */
import { randomInt } from '@course/rng'
import type { FitResult, SGDOptions } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function sgd(X: number[][], y: number[], opts: SGDOptions): FitResult {
  const n = X.length
  const predict = (w: number[], b: number, x: number[]) => w.reduce((s, wj, j) => s + wj * x[j]!, b)
  const loss = (w: number[], b: number) => X.reduce((s, x, i) => s + (predict(w, b, x) - y[i]!) ** 2, 0) / n
  const sample = () => Array.from({ length: Math.min(opts.batchSize, n) }, () => randomInt(opts.rng, n))
  let w = opts.start ? opts.start.w.slice() : X[0]!.map(() => 0)
  let b = opts.start?.b ?? 0
  const losses = [loss(w, b)]
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let k = 0; k < Math.ceil(n / opts.batchSize); k++) {
      const forW = sample()
      const forB = sample()
      const gw = w.map((_, j) => (2 / forW.length) * forW.reduce((s, i) => s + (predict(w, b, X[i]!) - y[i]!) * X[i]![j]!, 0))
      const gb = (2 / forB.length) * forB.reduce((s, i) => s + (predict(w, b, X[i]!) - y[i]!), 0)
      w = w.map((wj, j) => wj - opts.learningRate * gw[j]!)
      b -= opts.learningRate * gb
    }
    losses.push(loss(w, b))
  }
  return { w, b, losses }
}

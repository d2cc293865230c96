/**
 * The slides' 10-D code: w[i] is updated in place, so later derivatives and b's use the new weights.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail gdMultivariate.simultaneous gdMultivariate.matchesReference
 */
import type { FitResult, GDOptions } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function gdMultivariate(X: number[][], y: number[], opts: GDOptions): FitResult {
  const n = X.length
  const d = X[0]!.length
  const ip = (w: number[], x: number[]) => w.reduce((s, wi, i) => s + wi * x[i]!, 0)
  const l = (w: number[], b: number) => X.reduce((s, x, i) => s + (ip(w, x) + b - y[i]!) ** 2, 0) / n
  const dldw = (w: number[], b: number, j: number) => (2 / n) * X.reduce((s, x, i) => s + (ip(w, x) + b - y[i]!) * x[j]!, 0)
  const dldb = (w: number[], b: number) => (2 / n) * X.reduce((s, x, i) => s + (ip(w, x) + b - y[i]!), 0)
  const w = opts.start ? opts.start.w.slice() : new Array<number>(d).fill(0)
  let b = opts.start?.b ?? 0
  const losses = [l(w, b)]
  for (let cnt = 0; cnt < opts.steps; cnt++) {
    for (let i = 0; i < d; i++) w[i] = w[i]! - opts.learningRate * dldw(w, b, i)
    b = b - opts.learningRate * dldb(w, b)
    losses.push(l(w, b))
  }
  return { w, b, losses }
}

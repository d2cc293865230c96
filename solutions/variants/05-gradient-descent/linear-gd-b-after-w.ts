/**
 * Linear gradient descent that computes ∂L/∂b with the already-updated w.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail linearGD.simultaneous linearGD.matchesReference
 */
import { mseGradient, type LinearGDOptions, type LinearGDResult, type TracePoint } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function linearGD(xs: number[], ys: number[], opts: LinearGDOptions): LinearGDResult {
  const loss = (w: number, b: number) => xs.reduce((s, x, i) => s + (w * x + b - ys[i]!) ** 2, 0) / xs.length
  let { w, b } = opts.start ?? { w: 0, b: 0 }
  const trace: TracePoint[] = [{ w, b, loss: loss(w, b) }]
  for (let k = 0; k < opts.steps; k++) {
    w -= opts.learningRate * mseGradient(w, b, xs, ys).dw
    b -= opts.learningRate * mseGradient(w, b, xs, ys).db
    trace.push({ w, b, loss: loss(w, b) })
  }
  return { w, b, trace }
}

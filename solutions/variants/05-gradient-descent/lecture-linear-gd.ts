/**
 * The slides' linear gradient descent: dldw and dldb divide by n and drop the 2, so every step is half as long.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail linearGD.matchesReference linearGD.lecture
 */
import type { LinearGDOptions, LinearGDResult, TracePoint } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function linearGD(xs: number[], ys: number[], opts: LinearGDOptions): LinearGDResult {
  const n = xs.length
  const loss = (w: number, b: number) => xs.reduce((s, x, i) => s + (w * x + b - ys[i]!) ** 2, 0) / n
  const dldw = (w: number, b: number) => xs.reduce((s, x, i) => s + (w * x + b - ys[i]!) * x, 0) / n
  const dldb = (w: number, b: number) => xs.reduce((s, x, i) => s + (w * x + b - ys[i]!), 0) / n
  let { w, b } = opts.start ?? { w: 0, b: 0 }
  const trace: TracePoint[] = [{ w, b, loss: loss(w, b) }]
  for (let k = 0; k < opts.steps; k++) {
    const last = [w, b] as const
    w -= opts.learningRate * dldw(last[0], last[1])
    b -= opts.learningRate * dldb(last[0], last[1])
    trace.push({ w, b, loss: loss(w, b) })
  }
  return { w, b, trace }
}

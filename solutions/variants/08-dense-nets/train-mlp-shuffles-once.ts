/**
 * trainMLP that shuffles the examples once, before the first epoch, and then visits them in that
 * same order every epoch (the lesson shuffles at the start of every epoch).
 * @replaces 08-dense-nets/dense.ts
 * @mustFail trainMLP.reproducible
 */
import { type Matrix, type Mlp, type TrainOptions, type TrainResult, mlpBackward, paramCount } from '../../08-dense-nets/dense.ts'

export * from '../../08-dense-nets/dense.ts'

export function trainMLP(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
  const { hidden, activation, output, loss, learningRate, epochs, batchSize, rng } = options
  const sizes = [x[0]!.length, ...hidden, y[0]!.length]
  paramCount(sizes)
  const net: Mlp = sizes.slice(1).map((units, k) => {
    const limit = Math.sqrt(6 / (sizes[k]! + units))
    return {
      W: Array.from({ length: sizes[k]! }, () => Array.from({ length: units }, () => (2 * rng() - 1) * limit)),
      b: new Array<number>(units).fill(0),
      activation: k === sizes.length - 2 ? output : activation,
    }
  })
  const order = Array.from({ length: x.length }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const history: number[] = []
  for (let epoch = 0; epoch < epochs; epoch++) {
    let total = 0
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize)
      const result = mlpBackward(net, batch.map((i) => x[i]!), batch.map((i) => y[i]!), loss)
      total += result.loss * batch.length
      net.forEach((layer, k) => {
        const g = result.gradients[k]!
        layer.W = layer.W.map((row, p) => row.map((w, j) => w - learningRate * g.W[p]![j]!))
        layer.b = layer.b.map((b, j) => b - learningRate * g.b[j]!)
      })
    }
    history.push(total / x.length)
  }
  return { net, history }
}

/**
 * trainMLP that starts from all-zero weights: with relu every gradient is zero and nothing is learned.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail trainMLP.circles
 */
import { type Matrix, type Mlp, type TrainOptions, type TrainResult, mlpBackward } from '../../08-dense-nets/dense.ts'

export * from '../../08-dense-nets/dense.ts'

export function trainMLP(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
  const sizes = [x[0]!.length, ...options.hidden, y[0]!.length]
  const net: Mlp = sizes.slice(1).map((units, k) => ({
    W: Array.from({ length: sizes[k]! }, () => new Array<number>(units).fill(0)),
    b: new Array<number>(units).fill(0),
    activation: k === sizes.length - 2 ? options.output : options.activation,
  }))
  const history: number[] = []
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let total = 0
    for (let start = 0; start < x.length; start += options.batchSize) {
      const { loss, gradients } = mlpBackward(net, x.slice(start, start + options.batchSize), y.slice(start, start + options.batchSize), options.loss)
      total += loss * Math.min(options.batchSize, x.length - start)
      net.forEach((layer, k) => {
        layer.W = layer.W.map((row, i) => row.map((w, j) => w - options.learningRate * gradients[k]!.W[i]![j]!))
        layer.b = layer.b.map((b, j) => b - options.learningRate * gradients[k]!.b[j]!)
      })
    }
    history.push(total / x.length)
  }
  return { net, history }
}

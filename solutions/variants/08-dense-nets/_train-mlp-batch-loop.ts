// Shared by two variants (a file whose name starts with _ is a helper, not a catalogue entry): the
// answer key's training loop, with how an epoch is cut into batches and how the history averages
// the batch losses passed in.
import type { Rng } from '@course/rng'
import { type Matrix, type Mlp, type TrainOptions, type TrainResult, mlpBackward, trainMLP as answer } from '../../08-dense-nets/dense.ts'

export function trainWith(x: Matrix, y: Matrix, options: TrainOptions, cut: (order: number[], batchSize: number) => number[][], mean: (losses: number[], sizes: number[]) => number): TrainResult {
  answer(x.slice(0, 1), y.slice(0, 1), { ...options, epochs: 1, batchSize: 1, rng: () => 0.5 }) // the answer key's checks
  const { hidden, activation, output, loss, learningRate, epochs, batchSize, rng } = options
  const sizes = [x[0]!.length, ...hidden, y[0]!.length]
  const net: Mlp = sizes.slice(1).map((units, k) => {
    const inputs = sizes[k]!
    const limit = Math.sqrt(6 / (inputs + units))
    return { W: Array.from({ length: inputs }, () => Array.from({ length: units }, () => (2 * rng() - 1) * limit)), b: new Array<number>(units).fill(0), activation: k === sizes.length - 2 ? output : activation }
  })
  const history: number[] = []
  for (let epoch = 0; epoch < epochs; epoch++) {
    const losses: number[] = []
    const counts: number[] = []
    for (const batch of cut(shuffle(x.length, rng), batchSize)) {
      const { loss: value, gradients } = mlpBackward(net, batch.map((i) => x[i]!), batch.map((i) => y[i]!), loss)
      losses.push(value)
      counts.push(batch.length)
      net.forEach((layer, k) => {
        layer.W = layer.W.map((row, p) => row.map((w, j) => w - learningRate * gradients[k]!.W[p]![j]!))
        layer.b = layer.b.map((b, j) => b - learningRate * gradients[k]!.b[j]!)
      })
    }
    history.push(mean(losses, counts))
  }
  return { net, history }
}

function shuffle(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}

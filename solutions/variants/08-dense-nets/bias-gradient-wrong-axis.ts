/**
 * The bias gradient summed over the wrong axis: over each example's units instead of over the batch.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail mlpBackward.biases
 */
import {
  type Activation, type Backward, type Loss, type Matrix, type Mlp, relu, reluDerivative, sigmoid, sigmoidDerivative, softmax, softmaxJacobian, tanh, tanhDerivative,
} from '../../08-dense-nets/dense.ts'

export * from '../../08-dense-nets/dense.ts'

const activate = (row: number[], f: Activation): number[] =>
  f === 'softmax' ? softmax(row) : row.map(f === 'relu' ? relu : f === 'sigmoid' ? sigmoid : f === 'tanh' ? tanh : (v: number) => v)
const slope = { linear: () => 1, relu: reluDerivative, sigmoid: sigmoidDerivative, tanh: tanhDerivative }

export function mlpBackward(net: Mlp, x: Matrix, y: Matrix, loss: Loss): Backward {
  const a: Matrix[] = [x]
  const z: Matrix[] = []
  net.forEach(({ W, b, activation }, k) => {
    const zk = a[k]!.map((row) => b.map((bj, j) => row.reduce((s, v, i) => s + v * W[i]![j]!, bj)))
    z.push(zk)
    a.push(zk.map((row) => activate(row, activation)))
  })
  const p = a[net.length]!
  const n = p.length
  const m = p[0]!.length
  let value = 0
  let dA: Matrix = p.map((row, i) => row.map((pij, j) => {
    const yij = y[i]![j]!
    if (loss === 'meanSquaredError') {
      value += (pij - yij) ** 2 / (n * m)
      return (2 * (pij - yij)) / (n * m)
    }
    if (loss === 'binaryCrossentropy') {
      value -= (yij * Math.log(pij) + (1 - yij) * Math.log(1 - pij)) / (n * m)
      return (-yij / pij + (1 - yij) / (1 - pij)) / (n * m)
    }
    value -= (yij * Math.log(pij)) / n
    return -yij / pij / n
  }))
  const gradients: Backward['gradients'] = []
  for (let k = net.length - 1; k >= 0; k--) {
    const { W, activation } = net[k]!
    const delta: Matrix = activation === 'softmax'
      ? z[k]!.map((row, i) => {
          const J = softmaxJacobian(row)
          return row.map((_, j) => dA[i]!.reduce((s, g, q) => s + g * J[q]![j]!, 0))
        })
      : z[k]!.map((row, i) => row.map((zij, j) => dA[i]![j]! * slope[activation](zij)))
    gradients[k] = {
      W: W.map((_, q) => W[0]!.map((_, j) => a[k]!.reduce((s, row, i) => s + row[q]! * delta[i]![j]!, 0))),
      b: delta.map((row) => row.reduce((s, v) => s + v, 0)),
    }
    dA = delta.map((row) => W.map((Wq) => Wq.reduce((s, w, j) => s + w * row[j]!, 0)))
  }
  return { loss: value, gradients }
}

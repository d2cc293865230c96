/**
 * mlpForward that leaves every check of the network to denseForward: a network without layers
 * returns x itself, and a layer's mistake is reported without saying which layer.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail dense.badInput dense.messagesSayWhat
 */
import { type Matrix, type Mlp, denseForward, relu, sigmoid, softmax, tanh } from '../../08-dense-nets/dense.ts'

export * from '../../08-dense-nets/dense.ts'

const f = { linear: (z: number) => z, relu, sigmoid, tanh } as const

export function mlpForward(net: Mlp, x: Matrix): Matrix {
  let a = x
  for (const layer of net) {
    const z = denseForward(a, layer.W, layer.b)
    a = layer.activation === 'softmax' ? z.map(softmax) : z.map((row) => row.map(f[layer.activation as keyof typeof f]))
  }
  return a
}

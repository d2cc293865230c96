// Oracles for 08-dense-nets: TensorFlow.js computes what the student's code must compute.
//   - a tf.sequential holding the same weights gives the network's outputs;
//   - tf.grads of the same loss gives every weight and bias gradient;
//   - tf.train's optimizers, stepped on a tf.variable, give the parameters after each step;
//   - tf.callbacks.earlyStopping, fed the validation losses, says when training stops.
// The network cases are drawn from a seeded generator, so the numbers are "generic" (no exact
// cancellations) and a counterexample prints as its seed and shapes plus the full network.
import fc from 'fast-check'
import * as tf from '../public/tf.ts'
import { createRng, type Rng } from '../public/rng.ts'
import { labelled } from './described.ts'

export type Matrix = number[][]
export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax'
export type Loss = 'meanSquaredError' | 'binaryCrossentropy' | 'categoricalCrossentropy'
export interface Layer {
  W: Matrix
  b: number[]
  activation: Activation
}

/** Float32 numbers: TensorFlow.js stores float32, so inputs it can hold exactly keep the comparison about the arithmetic. */
export const f32 = Math.fround

const uniform = (rng: Rng, lo: number, hi: number) => f32(lo + (hi - lo) * rng())
export const randomMatrix = (rng: Rng, rows: number, cols: number, lo = -1, hi = 1): Matrix =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => uniform(rng, lo, hi)))

/** Shows a generated value as `label` in counterexamples. */

// ---- a plain float64 forward pass, only to screen generated cases ----

const act64: Record<Activation, (row: number[]) => number[]> = {
  linear: (r) => r,
  relu: (r) => r.map((v) => Math.max(0, v)),
  sigmoid: (r) => r.map((v) => 1 / (1 + Math.exp(-v))),
  tanh: (r) => r.map(Math.tanh),
  softmax: (r) => {
    const m = Math.max(...r)
    const e = r.map((v) => Math.exp(v - m))
    const s = e.reduce((a, b) => a + b, 0)
    return e.map((v) => v / s)
  },
}

/** Pre-activations and output of a network in float64 (used to screen cases and to score trained networks). */
export function forward64(net: Layer[], x: Matrix): { z: Matrix[]; out: Matrix } {
  const z: Matrix[] = []
  let a = x
  for (const layer of net) {
    const zk = a.map((row) => layer.b.map((b, j) => row.reduce((s, v, i) => s + v * layer.W[i]![j]!, b)))
    z.push(zk)
    a = zk.map(act64[layer.activation])
  }
  return { z, out: a }
}

// ---- generated networks ----

export interface NetCase {
  net: Layer[]
  x: Matrix
  y: Matrix
  loss: Loss
}

const HIDDEN: Activation[] = ['linear', 'relu', 'sigmoid', 'tanh']

export interface NetCaseOptions {
  losses?: Loss[]
  maxHidden?: number
  maxWidth?: number
  maxBatch?: number
}

/**
 * A random network (1–4 inputs, up to `maxHidden` hidden layers of width ≤ `maxWidth`, weights
 * and biases in (−1, 1), inputs in (−2, 2)), a batch and targets for a loss, with the output
 * activation that goes with the loss (sigmoid for binary cross-entropy, softmax for categorical).
 *
 * Cases where a relu's input lies within 1e-3 of 0 are skipped: there float32 (TensorFlow) and
 * float64 (your code) may disagree on its sign, and so on its derivative, through no one's fault.
 * For the cross-entropies, cases whose probabilities leave [0.01, 0.99] are skipped too: TensorFlow
 * clips p to [1e-7, 1 − 1e-7] and computes log(p/(1 − p)) in float32, which loses digits near 0 and 1.
 */
export function netCase(options: NetCaseOptions = {}): fc.Arbitrary<NetCase> {
  const { losses = ['meanSquaredError', 'binaryCrossentropy', 'categoricalCrossentropy'], maxHidden = 2, maxWidth = 5, maxBatch = 5 } = options
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      inputs: fc.integer({ min: 1, max: 4 }),
      hidden: fc.array(fc.record({ width: fc.integer({ min: 1, max: maxWidth }), activation: fc.constantFrom(...HIDDEN) }), { maxLength: maxHidden }),
      outputs: fc.integer({ min: 1, max: 3 }),
      batch: fc.integer({ min: 1, max: maxBatch }),
      loss: fc.constantFrom(...losses),
      mseOutput: fc.constantFrom(...HIDDEN),
    })
    .map(({ seed, inputs, hidden, outputs, batch, loss, mseOutput }) => {
      const rng = createRng(seed)
      const outputActivation: Activation = loss === 'binaryCrossentropy' ? 'sigmoid' : loss === 'categoricalCrossentropy' ? 'softmax' : mseOutput
      const units = loss === 'categoricalCrossentropy' ? Math.max(2, outputs) : outputs
      const sizes = [inputs, ...hidden.map((h) => h.width), units]
      const net: Layer[] = sizes.slice(1).map((n, k) => ({
        W: randomMatrix(rng, sizes[k]!, n),
        b: randomMatrix(rng, 1, n)[0]!,
        activation: k < hidden.length ? hidden[k]!.activation : outputActivation,
      }))
      const x = randomMatrix(rng, batch, inputs, -2, 2)
      const y: Matrix =
        loss === 'meanSquaredError' ? randomMatrix(rng, batch, units)
        : loss === 'binaryCrossentropy' ? Array.from({ length: batch }, () => Array.from({ length: units }, () => (rng() < 0.5 ? 0 : 1)))
        : Array.from({ length: batch }, () => {
            const k = Math.floor(rng() * units)
            return Array.from({ length: units }, (_, j) => (j === k ? 1 : 0))
          })
      const label = `{ seed: ${seed}, sizes: [${sizes.join(', ')}], activations: [${net.map((l) => l.activation).join(', ')}], batch: ${batch}, loss: '${loss}',\n  net: ${JSON.stringify(net)},\n  x: ${JSON.stringify(x)},\n  y: ${JSON.stringify(y)} }`
      return labelled({ net, x, y, loss }, label)
    })
    .filter(({ net, x, loss }) => {
      const { z, out } = forward64(net, x)
      const reluClear = net.every((layer, k) => layer.activation !== 'relu' || z[k]!.every((row) => row.every((v) => Math.abs(v) >= 1e-3)))
      const moderate = loss === 'meanSquaredError' || out.every((row) => row.every((p) => p >= 0.01 && p <= 0.99))
      return reluClear && moderate
    })
}

// ---- TensorFlow.js oracles ----

/** The outputs of a tf.sequential of Dense layers holding the same weights. */
export function tfForward(net: Layer[], x: Matrix): Matrix {
  return tf.tidy(() => {
    const model = tf.sequential()
    net.forEach((layer, k) =>
      model.add(tf.layers.dense({ units: layer.b.length, activation: layer.activation, ...(k === 0 ? { inputShape: [layer.W.length] } : {}) })),
    )
    model.setWeights(net.flatMap((layer) => [tf.tensor2d(layer.W), tf.tensor1d(layer.b)]))
    const out = (model.predict(tf.tensor2d(x)) as tf.Tensor).arraySync() as Matrix
    model.dispose()
    return out
  })
}

function tfActivate(z: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'linear': return z
    case 'relu': return tf.relu(z)
    case 'sigmoid': return tf.sigmoid(z)
    case 'tanh': return tf.tanh(z)
    case 'softmax': return tf.softmax(z)
  }
}

/** The loss Keras-style models compile with: the per-example loss of tf.metrics, averaged over the batch. */
export function tfLoss(loss: Loss, y: tf.Tensor2D, p: tf.Tensor2D): tf.Scalar {
  const perExample = loss === 'meanSquaredError' ? tf.metrics.meanSquaredError(y, p)
    : loss === 'binaryCrossentropy' ? tf.metrics.binaryCrossentropy(y, p)
    : tf.metrics.categoricalCrossentropy(y, p)
  return tf.mean(perExample)
}

export interface Gradients {
  loss: number
  gradients: { W: Matrix; b: number[] }[]
}

/** The loss and, by tf.grads, its gradient with respect to every W and b. */
export function tfBackward(net: Layer[], x: Matrix, y: Matrix, loss: Loss): Gradients {
  return tf.tidy(() => {
    const X = tf.tensor2d(x)
    const Y = tf.tensor2d(y)
    const params = net.flatMap((layer) => [tf.tensor2d(layer.W), tf.tensor1d(layer.b)])
    const f = (...ps: tf.Tensor[]) => {
      let a = X as tf.Tensor2D
      net.forEach((layer, k) => {
        a = tfActivate(tf.add(tf.matMul(a, ps[2 * k] as tf.Tensor2D), ps[2 * k + 1]!), layer.activation)
      })
      return tfLoss(loss, Y, a)
    }
    const grads = tf.grads(f)(params)
    return {
      loss: f(...params).dataSync()[0]!,
      gradients: net.map((_, k) => ({ W: grads[2 * k]!.arraySync() as Matrix, b: grads[2 * k + 1]!.arraySync() as number[] })),
    }
  })
}

export type OptimizerKind = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam'

export interface OptimizerOptions {
  learningRate: number
  momentum?: number
  initialAccumulatorValue?: number
  decay?: number
  beta1?: number
  beta2?: number
  epsilon?: number
}

function makeOptimizer(kind: OptimizerKind, o: OptimizerOptions): tf.Optimizer {
  switch (kind) {
    case 'sgd': return tf.train.sgd(o.learningRate)
    case 'momentum': return tf.train.momentum(o.learningRate, o.momentum!, false)
    case 'adagrad': return tf.train.adagrad(o.learningRate, o.initialAccumulatorValue!)
    case 'rmsprop': return tf.train.rmsprop(o.learningRate, o.decay!, 0, o.epsilon!)
    case 'adam': return tf.train.adam(o.learningRate, o.beta1!, o.beta2!, o.epsilon!)
  }
}

/** The parameters after each of the steps a tf.train optimizer takes with these gradients. */
export function tfOptimizerSteps(kind: OptimizerKind, options: OptimizerOptions, params: number[], grads: number[][]): number[][] {
  const variable = tf.variable(tf.tensor1d(params))
  const optimizer = makeOptimizer(kind, options)
  const after: number[][] = []
  try {
    for (const g of grads) {
      tf.tidy(() => optimizer.applyGradients({ [variable.name]: tf.tensor1d(g) }))
      after.push(Array.from(variable.dataSync()))
    }
  } finally {
    optimizer.dispose()
    variable.dispose()
  }
  return after
}

let tinyModel: tf.LayersModel | undefined
/** The callback only sets model.stopTraining; any LayersModel will do. */
function stoppableModel(): tf.LayersModel {
  if (!tinyModel) {
    tinyModel = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] })
    tinyModel.compile({ optimizer: 'sgd', loss: 'meanSquaredError' })
  }
  return tinyModel
}

/** What tf.callbacks.earlyStopping decides when fed these validation losses, one epoch at a time. */
export async function tfEarlyStopping(valLosses: number[], patience: number, minDelta: number): Promise<{ stopEpoch: number | null; bestEpoch: number }> {
  const callback = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience, minDelta })
  const model = stoppableModel()
  model.stopTraining = false
  callback.setModel(model)
  await callback.onTrainBegin()
  const state = callback as unknown as { best: number }
  let bestEpoch = 0
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    const before = state.best
    await callback.onEpochEnd(epoch, { val_loss: valLosses[epoch]! })
    if (state.best !== before) bestEpoch = epoch
    if (model.stopTraining) return { stopEpoch: epoch, bestEpoch }
  }
  return { stopEpoch: null, bestEpoch }
}

/** λ·Σw² as tf.regularizers.l2 computes it, and its gradient by tf.grads. */
export function tfL2(weights: Matrix[], lambda: number): { penalty: number; gradient: Matrix[] } {
  return tf.tidy(() => {
    const regularizer = tf.regularizers.l2({ l2: lambda })
    const tensors = weights.map((W) => tf.tensor2d(W))
    const f = (...ws: tf.Tensor[]) => ws.reduce<tf.Scalar>((s, w) => tf.add(s, regularizer.apply(w)), tf.scalar(0))
    const grads = tf.grads(f)(tensors)
    return { penalty: f(...tensors).dataSync()[0]!, gradient: grads.map((g) => g.arraySync() as Matrix) }
  })
}

/** The factor tf.dropout multiplies kept entries by, read off its output. */
export function tfDropoutScale(rate: number): number {
  return tf.tidy(() => {
    const kept = tf.dropout(tf.ones([1000]), rate, undefined, 7).max()
    return kept.dataSync()[0]!
  })
}

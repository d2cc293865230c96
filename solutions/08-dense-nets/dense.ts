// Answer key for 08-dense-nets: a dense network (全連接神經網路) from scratch.
import type { Rng } from '@course/rng'

export type Vector = number[]
/** Row-major; a batch of examples has one example per row. */
export type Matrix = number[][]
export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax'
/** The loss names of TensorFlow.js's model.compile. */
export type Loss = 'meanSquaredError' | 'binaryCrossentropy' | 'categoricalCrossentropy'

/** One Dense layer, in Keras's layout: W[i][j] connects input i to unit j, so W is inputs × units. */
export interface DenseLayer {
  W: Matrix
  b: Vector
  activation: Activation
}
/** A dense network: its layers from input to output. */
export type Mlp = DenseLayer[]

export interface LayerGradient {
  W: Matrix
  b: Vector
}
export interface Backward {
  /** The loss of the batch (the mean over its examples). */
  loss: number
  /** ∂loss/∂W and ∂loss/∂b of every layer, in the network's order. */
  gradients: LayerGradient[]
}

export interface TrainOptions {
  /** Sizes of the hidden layers, e.g. [25, 25] for the lecture's 2-25-25-1 network. */
  hidden: number[]
  /** Activation of every hidden layer. */
  activation: Activation
  /** Activation of the output layer. */
  output: Activation
  loss: Loss
  learningRate: number
  epochs: number
  batchSize: number
  rng: Rng
}
export interface TrainResult {
  net: Mlp
  /** The training loss of each epoch. */
  history: number[]
}

// ---- checks ----

function requireMatrix(name: string, m: Matrix): number {
  if (!Array.isArray(m) || m.length === 0) throw new RangeError(`${name} must be a non-empty matrix`)
  const cols = Array.isArray(m[0]) ? m[0].length : -1
  if (cols <= 0) throw new RangeError(`${name} must have at least one column`)
  for (const row of m) {
    if (!Array.isArray(row) || row.length !== cols) throw new RangeError(`${name} is ragged: every row needs ${cols} entries`)
    for (const v of row) if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name} holds ${v}, not a finite number`)
  }
  return cols
}

function requireVector(name: string, v: Vector, length?: number): void {
  if (!Array.isArray(v) || v.length === 0) throw new RangeError(`${name} must be a non-empty vector`)
  if (length !== undefined && v.length !== length) throw new RangeError(`${name} has ${v.length} entries; ${length} are needed`)
  for (const x of v) if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`${name} holds ${x}, not a finite number`)
}

// ---- one layer ----

/** x·W + b for a batch x (examples × inputs), W (inputs × units) and b (units): the layer before its activation. */
export function denseForward(x: Matrix, W: Matrix, b: Vector): Matrix {
  const inputs = requireMatrix('x', x)
  const units = requireMatrix('W', W)
  if (W.length !== inputs) throw new RangeError(`x has ${inputs} columns but W has ${W.length} rows: W must be inputs × units`)
  requireVector('b', b, units)
  return x.map((row) => {
    const out = b.slice()
    for (let i = 0; i < inputs; i++) {
      const xi = row[i]!
      const Wi = W[i]!
      for (let j = 0; j < units; j++) out[j]! += xi * Wi[j]!
    }
    return out
  })
}

// ---- activations (激勵函數) ----

export function relu(z: number): number {
  return z > 0 ? z : 0
}

/** 1 for z > 0, 0 for z < 0 (TensorFlow also uses 0 at z = 0). */
export function reluDerivative(z: number): number {
  return z > 0 ? 1 : 0
}

/** σ(z) = 1/(1 + e^(−z)), written so that e^(…) never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}

/** σ′(z) = σ(z)·(1 − σ(z)) = σ(z)·σ(−z). */
export function sigmoidDerivative(z: number): number {
  return sigmoid(z) * sigmoid(-z)
}

export function tanh(z: number): number {
  return Math.tanh(z)
}

export function tanhDerivative(z: number): number {
  const t = Math.tanh(z)
  return 1 - t * t
}

/** e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z): the same as e^(zᵢ)/Σ e^(zⱼ), but e^(…) cannot overflow. */
export function softmax(z: Vector): Vector {
  requireVector('z', z)
  const top = Math.max(...z)
  const e = z.map((v) => Math.exp(v - top))
  const sum = e.reduce((s, v) => s + v, 0)
  return e.map((v) => v / sum)
}

/** J[i][j] = ∂softmax(z)ᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ). */
export function softmaxJacobian(z: Vector): Matrix {
  const s = softmax(z)
  return s.map((si, i) => s.map((sj, j) => si * ((i === j ? 1 : 0) - sj)))
}

const scalarActivations: Record<Exclude<Activation, 'softmax'>, { f: (z: number) => number; df: (z: number) => number }> = {
  linear: { f: (z) => z, df: () => 1 },
  relu: { f: relu, df: reluDerivative },
  sigmoid: { f: sigmoid, df: sigmoidDerivative },
  tanh: { f: tanh, df: tanhDerivative },
}

function activate(z: Matrix, activation: Activation): Matrix {
  if (activation === 'softmax') return z.map(softmax)
  if (!Object.hasOwn(scalarActivations, activation)) throw new RangeError(`unknown activation "${activation}"`)
  const f = scalarActivations[activation].f
  return z.map((row) => row.map(f))
}

// ---- the network ----

function checkNet(net: Mlp, inputs: number): void {
  if (!Array.isArray(net) || net.length === 0) throw new RangeError('the network needs at least one layer')
  let width = inputs
  net.forEach((layer, k) => {
    const units = requireMatrix(`layer ${k + 1}'s W`, layer.W)
    if (layer.W.length !== width) throw new RangeError(`layer ${k + 1}'s W has ${layer.W.length} rows; its input has ${width} values`)
    requireVector(`layer ${k + 1}'s b`, layer.b, units)
    if (!(layer.activation === 'softmax' || Object.hasOwn(scalarActivations, layer.activation))) throw new RangeError(`layer ${k + 1} has an unknown activation "${layer.activation}"`)
    width = units
  })
}

/** Every layer's pre-activation z and activation a, for a batch. */
function forwardPass(net: Mlp, x: Matrix): { z: Matrix[]; a: Matrix[] } {
  checkNet(net, requireMatrix('x', x))
  const z: Matrix[] = []
  const a: Matrix[] = [x]
  for (const layer of net) {
    const zk = denseForward(a[a.length - 1]!, layer.W, layer.b)
    z.push(zk)
    a.push(activate(zk, layer.activation))
  }
  return { z, a }
}

/** The network's output for a batch x: one row per example. */
export function mlpForward(net: Mlp, x: Matrix): Matrix {
  const { a } = forwardPass(net, x)
  return a[a.length - 1]!
}

/** Keeps log finite at p = 0 or 1. */
const TINY = 1e-15

function lossAndOutputGradient(p: Matrix, y: Matrix, loss: Loss): { value: number; dA: Matrix } {
  const n = p.length
  const k = p[0]!.length
  switch (loss) {
    case 'meanSquaredError': {
      // L = (1/(n·k)) Σ (p − y)²  ⇒  ∂L/∂p = (2/(n·k))·(p − y)
      let sum = 0
      const dA = p.map((row, i) => row.map((pij, j) => {
        const d = pij - y[i]![j]!
        sum += d * d
        return (2 * d) / (n * k)
      }))
      return { value: sum / (n * k), dA }
    }
    case 'binaryCrossentropy': {
      // L = −(1/(n·k)) Σ [y log p + (1 − y) log(1 − p)]
      let sum = 0
      const dA = p.map((row, i) => row.map((pij, j) => {
        const yij = y[i]![j]!
        sum -= yij * Math.log(Math.max(pij, TINY)) + (1 - yij) * Math.log(Math.max(1 - pij, TINY))
        return (-(yij / Math.max(pij, TINY)) + (1 - yij) / Math.max(1 - pij, TINY)) / (n * k)
      }))
      return { value: sum / (n * k), dA }
    }
    case 'categoricalCrossentropy': {
      // L = −(1/n) Σᵢ Σⱼ yᵢⱼ log pᵢⱼ
      let sum = 0
      const dA = p.map((row, i) => row.map((pij, j) => {
        const yij = y[i]![j]!
        sum -= yij * Math.log(Math.max(pij, TINY))
        return -yij / Math.max(pij, TINY) / n
      }))
      return { value: sum / n, dA }
    }
    default:
      throw new RangeError(`unknown loss "${String(loss)}"`)
  }
}

/**
 * Back-propagation (反向傳播): the loss of the batch and the gradient of every W and b.
 * δ = ∂L/∂z of a layer; ∂L/∂W = aᵀ·δ (a = the layer's input), ∂L/∂b = δ summed over the batch,
 * and the layer below gets ∂L/∂a = δ·Wᵀ.
 */
export function mlpBackward(net: Mlp, x: Matrix, y: Matrix, loss: Loss): Backward {
  const { z, a } = forwardPass(net, x)
  const output = a[a.length - 1]!
  const outputs = requireMatrix('y', y)
  if (y.length !== x.length) throw new RangeError(`x has ${x.length} examples but y has ${y.length}`)
  if (outputs !== output[0]!.length) throw new RangeError(`y has ${outputs} columns but the network gives ${output[0]!.length} outputs`)

  const { value, dA } = lossAndOutputGradient(output, y, loss)
  const gradients: LayerGradient[] = new Array(net.length)
  let dAk = dA
  for (let k = net.length - 1; k >= 0; k--) {
    const layer = net[k]!
    const zk = z[k]!
    const delta: Matrix = layer.activation === 'softmax'
      ? zk.map((row, i) => {
          const J = softmaxJacobian(row)
          return row.map((_, j) => dAk[i]!.reduce((s, g, m) => s + g * J[m]![j]!, 0))
        })
      : zk.map((row, i) => row.map((zij, j) => dAk[i]![j]! * scalarActivations[layer.activation as Exclude<Activation, 'softmax'>].df(zij)))
    const input = a[k]!
    const units = layer.b.length
    const dW = layer.W.map((_, p) => Array.from({ length: units }, (_, j) => input.reduce((s, row, i) => s + row[p]! * delta[i]![j]!, 0)))
    // The bias is added to every example, so its gradient sums δ over the batch (the rows).
    const db = Array.from({ length: units }, (_, j) => delta.reduce((s, row) => s + row[j]!, 0))
    gradients[k] = { W: dW, b: db }
    if (k > 0) dAk = delta.map((row) => layer.W.map((Wp) => Wp.reduce((s, w, j) => s + w * row[j]!, 0)))
  }
  return { loss: value, gradients }
}

/** Weights and biases of a dense network with these layer sizes: Σ (inputs + 1)·units. */
export function paramCount(sizes: number[]): number {
  if (!Array.isArray(sizes) || sizes.length < 2) throw new RangeError('sizes needs the input size and at least one layer, e.g. [2, 25, 25, 1]')
  for (const s of sizes) if (!Number.isInteger(s) || s <= 0) throw new RangeError(`layer sizes must be positive integers, got ${s}`)
  let total = 0
  for (let k = 1; k < sizes.length; k++) total += (sizes[k - 1]! + 1) * sizes[k]!
  return total
}

// ---- training ----

/** Keras's default initializer (glorot_uniform): U(−l, l) with l = √(6/(inputs + units)); biases 0. */
function initLayer(inputs: number, units: number, activation: Activation, rng: Rng): DenseLayer {
  const limit = Math.sqrt(6 / (inputs + units))
  return {
    W: Array.from({ length: inputs }, () => Array.from({ length: units }, () => (2 * rng() - 1) * limit)),
    b: new Array<number>(units).fill(0),
    activation,
  }
}

function shuffledIndices(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}

/** Mini-batch gradient descent on a new network; history holds the mean batch loss of each epoch. */
export function trainMLP(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
  const inputs = requireMatrix('x', x)
  const outputs = requireMatrix('y', y)
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} examples but y has ${y.length}`)
  const { hidden, activation, output, loss, learningRate, epochs, batchSize, rng } = options
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`learningRate must be a positive number, got ${learningRate}`)
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a positive integer, got ${epochs}`)
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`)
  const sizes = [inputs, ...hidden, outputs]
  paramCount(sizes)

  const net: Mlp = []
  for (let k = 1; k < sizes.length; k++) net.push(initLayer(sizes[k - 1]!, sizes[k]!, k === sizes.length - 1 ? output : activation, rng))

  const history: number[] = []
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledIndices(x.length, rng)
    let total = 0
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize)
      const { loss: value, gradients } = mlpBackward(net, batch.map((i) => x[i]!), batch.map((i) => y[i]!), loss)
      total += value * batch.length
      net.forEach((layer, k) => {
        const g = gradients[k]!
        layer.W = layer.W.map((row, p) => row.map((w, j) => w - learningRate * g.W[p]![j]!))
        layer.b = layer.b.map((b, j) => b - learningRate * g.b[j]!)
      })
    }
    history.push(total / x.length)
  }
  return { net, history }
}

/**
 * Index loops over flat sums; the output layer's δ by the shortcut p − y for sigmoid + binary and softmax + categorical cross-entropy (losses from the logits: softplus(z) − y·z and logsumexp), relu′(0) = 1, He-normal initial weights (Box–Muller) and a shuffle by sorting random keys.
 * @replaces 08-dense-nets/dense.ts
 */
import type { Rng } from '@course/rng'

export type Vector = number[]
export type Matrix = number[][]
export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax'
export type Loss = 'meanSquaredError' | 'binaryCrossentropy' | 'categoricalCrossentropy'
export interface DenseLayer {
  W: Matrix
  b: Vector
  activation: Activation
}
export type Mlp = DenseLayer[]
export interface LayerGradient {
  W: Matrix
  b: Vector
}
export interface Backward {
  loss: number
  gradients: LayerGradient[]
}
export interface TrainOptions {
  hidden: number[]
  activation: Activation
  output: Activation
  loss: Loss
  learningRate: number
  epochs: number
  batchSize: number
  rng: Rng
}
export interface TrainResult {
  net: Mlp
  history: number[]
}

const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax']

/** Rows × columns of a finite, rectangular, non-empty matrix. */
function dims(name: string, m: Matrix): [number, number] {
  if (!Array.isArray(m) || m.length === 0 || !Array.isArray(m[0]) || m[0].length === 0) throw new RangeError(`${name}: expected a non-empty matrix`)
  const cols = m[0].length
  for (let i = 0; i < m.length; i++) {
    const row = m[i]
    if (!Array.isArray(row) || row.length !== cols) throw new RangeError(`${name}: row ${i} has ${Array.isArray(row) ? row.length : 0} entries, row 0 has ${cols}`)
    for (let j = 0; j < cols; j++) if (!Number.isFinite(row[j])) throw new RangeError(`${name}[${i}][${j}] = ${row[j]} is not a finite number`)
  }
  return [m.length, cols]
}

function checkVector(name: string, v: Vector, length: number): void {
  if (!Array.isArray(v) || v.length !== length) throw new RangeError(`${name}: expected ${length} entries, got ${Array.isArray(v) ? v.length : 'none'}`)
  for (let j = 0; j < length; j++) if (!Number.isFinite(v[j])) throw new RangeError(`${name}[${j}] = ${v[j]} is not a finite number`)
}

export function denseForward(x: Matrix, W: Matrix, b: Vector): Matrix {
  const [n, d] = dims('x', x)
  const [rows, units] = dims('W', W)
  if (rows !== d) throw new RangeError(`W has ${rows} rows but x has ${d} columns (W is inputs × units)`)
  checkVector('b', b, units)
  const out: Matrix = []
  for (let e = 0; e < n; e++) {
    const row: number[] = []
    for (let j = 0; j < units; j++) {
      let s = b[j]!
      for (let i = 0; i < d; i++) s += x[e]![i]! * W[i]![j]!
      row.push(s)
    }
    out.push(row)
  }
  return out
}

export function relu(z: number): number {
  return Math.max(0, z)
}

/** At z = 0 the slope is undefined; this one takes the right-hand slope 1. */
export function reluDerivative(z: number): number {
  return z >= 0 ? 1 : 0
}

/** σ(z) = ½(1 + tanh(z/2)): the same function, and tanh never overflows. */
export function sigmoid(z: number): number {
  return 0.5 * (1 + Math.tanh(z / 2))
}

export function sigmoidDerivative(z: number): number {
  // σ′(z) = ¼(1 − tanh²(z/2)) = ¼·sech²(z/2)
  const c = Math.cosh(z / 2)
  return Number.isFinite(c) ? 1 / (4 * c * c) : 0
}

export function tanh(z: number): number {
  return Math.tanh(z)
}

export function tanhDerivative(z: number): number {
  const c = Math.cosh(z)
  return Number.isFinite(c) ? 1 / (c * c) : 0
}

/** log Σ e^(zⱼ), shifted by the largest z so that nothing overflows. */
function logSumExp(z: Vector): number {
  let top = -Infinity
  for (const v of z) if (v > top) top = v
  let s = 0
  for (const v of z) s += Math.exp(v - top)
  return top + Math.log(s)
}

export function softmax(z: Vector): Vector {
  if (!Array.isArray(z) || z.length === 0) throw new RangeError('softmax needs at least one logit')
  checkVector('z', z, z.length)
  const lse = logSumExp(z)
  const out: number[] = []
  for (const v of z) out.push(Math.exp(v - lse))
  return out
}

export function softmaxJacobian(z: Vector): Matrix {
  const s = softmax(z)
  const J: Matrix = []
  for (let i = 0; i < s.length; i++) {
    const row: number[] = []
    for (let j = 0; j < s.length; j++) row.push(i === j ? s[i]! * (1 - s[i]!) : -s[i]! * s[j]!)
    J.push(row)
  }
  return J
}

function scalar(activation: Activation): [(z: number) => number, (z: number) => number] {
  switch (activation) {
    case 'linear':
      return [(z) => z, () => 1]
    case 'relu':
      return [relu, reluDerivative]
    case 'sigmoid':
      return [sigmoid, sigmoidDerivative]
    case 'tanh':
      return [tanh, tanhDerivative]
    default:
      throw new RangeError(`no scalar form for activation ${String(activation)}`)
  }
}

function apply(z: Matrix, activation: Activation): Matrix {
  if (activation === 'softmax') return z.map((row) => softmax(row))
  const [f] = scalar(activation)
  return z.map((row) => row.map((v) => f(v)))
}

/** All pre-activations zs[k] and activations as[k] (as[0] = x). */
function run(net: Mlp, x: Matrix): { zs: Matrix[]; as: Matrix[] } {
  const [, d] = dims('x', x)
  if (!Array.isArray(net) || net.length === 0) throw new RangeError('the network has no layers')
  let width = d
  for (let k = 0; k < net.length; k++) {
    const layer = net[k]!
    const [rows, units] = dims(`net[${k}].W`, layer.W)
    if (rows !== width) throw new RangeError(`net[${k}].W has ${rows} rows, but ${width} values come into that layer`)
    checkVector(`net[${k}].b`, layer.b, units)
    if (!ACTIVATIONS.includes(layer.activation)) throw new RangeError(`net[${k}].activation ${String(layer.activation)} is not one of ${ACTIVATIONS.join(', ')}`)
    width = units
  }
  const zs: Matrix[] = []
  const as: Matrix[] = [x]
  for (const layer of net) {
    const z = denseForward(as[as.length - 1]!, layer.W, layer.b)
    zs.push(z)
    as.push(apply(z, layer.activation))
  }
  return { zs, as }
}

export function mlpForward(net: Mlp, x: Matrix): Matrix {
  const { as } = run(net, x)
  return as[as.length - 1]!
}

const EPS = 1e-15
/** softplus(z) = log(1 + e^z) without overflow. */
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))

export function mlpBackward(net: Mlp, x: Matrix, y: Matrix, loss: Loss): Backward {
  const { zs, as } = run(net, x)
  const P = as[as.length - 1]!
  const [n, k] = dims('y', y)
  if (n !== x.length) throw new RangeError(`y has ${n} rows but x has ${x.length}`)
  if (k !== P[0]!.length) throw new RangeError(`y has ${k} columns but the network has ${P[0]!.length} outputs`)
  const last = net.length - 1
  const out = net[last]!.activation
  const Z = zs[last]!

  // The loss, and δ = ∂L/∂z of the output layer.
  let value = 0
  let delta: Matrix
  if (loss === 'binaryCrossentropy' && out === 'sigmoid') {
    // −[y log σ(z) + (1 − y) log σ(−z)] = softplus(z) − y·z, and its z-derivative is σ(z) − y.
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) value += softplus(Z[i]![j]!) - y[i]![j]! * Z[i]![j]!
    value /= n * k
    delta = P.map((row, i) => row.map((p, j) => (p - y[i]![j]!) / (n * k)))
  } else if (loss === 'categoricalCrossentropy' && out === 'softmax') {
    // −Σ y log softmax(z) = Σ y·(logsumexp(z) − z), and its z-derivative is softmax(z)·Σy − y.
    for (let i = 0; i < n; i++) {
      const lse = logSumExp(Z[i]!)
      for (let j = 0; j < k; j++) value += y[i]![j]! * (lse - Z[i]![j]!)
    }
    value /= n
    delta = P.map((row, i) => {
      const total = y[i]!.reduce((s, t) => s + t, 0)
      return row.map((p, j) => (p * total - y[i]![j]!) / n)
    })
  } else {
    // ∂L/∂p first, then through the output activation.
    const dP: Matrix = []
    for (let i = 0; i < n; i++) {
      const row: number[] = []
      for (let j = 0; j < k; j++) {
        const p = P[i]![j]!
        const t = y[i]![j]!
        if (loss === 'meanSquaredError') {
          value += (p - t) ** 2 / (n * k)
          row.push((2 * (p - t)) / (n * k))
        } else if (loss === 'binaryCrossentropy') {
          const q = Math.min(Math.max(p, EPS), 1 - EPS)
          value -= (t * Math.log(q) + (1 - t) * Math.log(1 - q)) / (n * k)
          row.push((q - t) / (q * (1 - q)) / (n * k))
        } else if (loss === 'categoricalCrossentropy') {
          const q = Math.max(p, EPS)
          value -= (t * Math.log(q)) / n
          row.push(-t / q / n)
        } else {
          throw new RangeError(`unknown loss ${String(loss)}`)
        }
      }
      dP.push(row)
    }
    delta = through(dP, Z, out)
  }

  const gradients: LayerGradient[] = []
  for (let l = last; l >= 0; l--) {
    const W = net[l]!.W
    const A = as[l]!
    const inputs = W.length
    const units = W[0]!.length
    const gW: Matrix = Array.from({ length: inputs }, () => new Array<number>(units).fill(0))
    const gb: Vector = new Array<number>(units).fill(0)
    for (let e = 0; e < n; e++) {
      for (let j = 0; j < units; j++) {
        const dj = delta[e]![j]!
        gb[j]! += dj
        for (let q = 0; q < inputs; q++) gW[q]![j]! += A[e]![q]! * dj
      }
    }
    gradients[l] = { W: gW, b: gb }
    if (l > 0) {
      const dA: Matrix = []
      for (let e = 0; e < n; e++) {
        const row: number[] = []
        for (let q = 0; q < inputs; q++) {
          let s = 0
          for (let j = 0; j < units; j++) s += W[q]![j]! * delta[e]![j]!
          row.push(s)
        }
        dA.push(row)
      }
      delta = through(dA, zs[l - 1]!, net[l - 1]!.activation)
    }
  }
  return { loss: value, gradients }
}

/** ∂L/∂z from ∂L/∂a through the activation a = f(z). */
function through(dA: Matrix, Z: Matrix, activation: Activation): Matrix {
  if (activation === 'softmax') {
    return Z.map((z, i) => {
      const s = softmax(z)
      // (Jᵀ g)ⱼ = sⱼ (gⱼ − Σₘ gₘ sₘ)
      let dot = 0
      for (let m = 0; m < s.length; m++) dot += dA[i]![m]! * s[m]!
      return s.map((sj, j) => sj * (dA[i]![j]! - dot))
    })
  }
  const [, df] = scalar(activation)
  return Z.map((z, i) => z.map((v, j) => dA[i]![j]! * df(v)))
}

export function paramCount(sizes: number[]): number {
  if (!Array.isArray(sizes) || sizes.length < 2) throw new RangeError('paramCount needs at least an input size and one layer size')
  let total = 0
  for (let k = 0; k < sizes.length; k++) {
    if (!Number.isInteger(sizes[k]) || sizes[k]! < 1) throw new RangeError(`sizes[${k}] = ${sizes[k]} is not a positive integer`)
    if (k > 0) total += sizes[k - 1]! * sizes[k]! + sizes[k]!
  }
  return total
}

/** A standard normal number from two uniform ones (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = 1 - rng()
  const v = rng()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

export function trainMLP(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
  const [n, d] = dims('x', x)
  const [ny, k] = dims('y', y)
  if (ny !== n) throw new RangeError(`y has ${ny} rows but x has ${n}`)
  const { hidden, activation, output, loss, learningRate, epochs, batchSize, rng } = options
  if (!(Number.isFinite(learningRate) && learningRate > 0)) throw new RangeError(`learningRate ${learningRate} is not a positive number`)
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new RangeError(`epochs ${epochs} is not a positive integer`)
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`batchSize ${batchSize} is not a positive integer`)
  const sizes = [d, ...hidden, k]
  paramCount(sizes)
  const net: Mlp = []
  for (let l = 1; l < sizes.length; l++) {
    // He normal: N(0, 2/inputs), suited to relu layers and fine for the others at these sizes.
    const sd = Math.sqrt(2 / sizes[l - 1]!)
    const W: Matrix = []
    for (let q = 0; q < sizes[l - 1]!; q++) {
      const row: number[] = []
      for (let j = 0; j < sizes[l]!; j++) row.push(sd * gaussian(rng))
      W.push(row)
    }
    net.push({ W, b: new Array<number>(sizes[l]!).fill(0), activation: l === sizes.length - 1 ? output : activation })
  }
  const history: number[] = []
  for (let epoch = 0; epoch < epochs; epoch++) {
    // A random permutation: sort the indices by a random key each.
    const keys = Array.from({ length: n }, () => rng())
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b)
    let total = 0
    for (let start = 0; start < n; start += batchSize) {
      const batch = order.slice(start, start + batchSize)
      const result = mlpBackward(net, batch.map((i) => x[i]!), batch.map((i) => y[i]!), loss)
      total += result.loss * batch.length
      for (let l = 0; l < net.length; l++) {
        const g = result.gradients[l]!
        const layer = net[l]!
        const W: Matrix = []
        for (let q = 0; q < layer.W.length; q++) {
          const row: number[] = []
          for (let j = 0; j < layer.b.length; j++) row.push(layer.W[q]![j]! - learningRate * g.W[q]![j]!)
          W.push(row)
        }
        net[l] = { W, b: layer.b.map((b, j) => b - learningRate * g.b[j]!), activation: layer.activation }
      }
    }
    history.push(total / n)
  }
  return { net, history }
}

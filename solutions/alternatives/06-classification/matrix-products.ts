/**
 * Branch-free σ(z) = e^min(z,0) / (1 + e^−|z|), softmax by explicit loops over the shifted exponentials, gradients as Xᵀr/n matrix products, and the posterior from Σ⁻¹ by Gauss–Jordan elimination.
 * @replaces 06-classification/classification.ts
 */

export interface LogisticGradient {
  dw: number[]
  db: number
}
export interface TrainOptions {
  learningRate: number
  epochs: number
  w0?: number[]
  b0?: number
}
export interface LogisticStep {
  w: number[]
  b: number
  loss: number
  accuracy: number
}
export interface LogisticResult {
  w: number[]
  b: number
  history: LogisticStep[]
}
export interface SoftmaxGradient {
  dW: number[][]
  db: number[]
}
export interface SoftmaxTrainOptions {
  learningRate: number
  epochs: number
  W0?: number[][]
  b0?: number[]
}
export interface SoftmaxStep {
  W: number[][]
  b: number[]
  loss: number
  accuracy: number
}
export interface SoftmaxResult {
  W: number[][]
  b: number[]
  history: SoftmaxStep[]
}
export interface Gaussian {
  mean: number[]
  cov: number[][]
}
export interface SharedCovarianceModel {
  means: [number[], number[]]
  cov: number[][]
  priors: [number, number]
}

/** Keras clips probabilities at 1e-7; any ε ≤ 1e-6 is allowed, this one is 1e-9. */
const EPSILON = 1e-9

type Rows = readonly (readonly number[])[]

function checkFiniteVector(name: string, v: readonly number[], size?: number): void {
  if (!Array.isArray(v) || v.length === 0) throw new RangeError(`${name}: expected a non-empty vector`)
  if (size !== undefined && v.length !== size) throw new RangeError(`${name}: expected ${size} entries, got ${v.length}`)
  v.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new RangeError(`${name}[${i}]: expected a finite number, got ${value}`)
  })
}
function checkRows(name: string, M: Rows, size?: number): number {
  if (!Array.isArray(M) || M.length === 0) throw new RangeError(`${name}: expected at least one row`)
  const width = size ?? M[0]!.length
  M.forEach((row, i) => checkFiniteVector(`${name}[${i}]`, row, width))
  return width
}
function checkLabels(y: readonly number[], n: number, classes: number): void {
  if (!Array.isArray(y) || y.length !== n) throw new RangeError(`y: expected ${n} labels, got ${Array.isArray(y) ? y.length : String(y)}`)
  y.forEach((c, i) => {
    if (!(Number.isInteger(c) && c >= 0 && c < classes)) throw new RangeError(`y[${i}]: expected a label in 0 … ${classes - 1}, got ${c}`)
  })
}
function checkRun(learningRate: number, epochs: number): void {
  if (!(learningRate > 0 && learningRate < Infinity)) throw new RangeError(`learningRate: expected a positive finite number, got ${learningRate}`)
  if (!(Number.isInteger(epochs) && epochs >= 0)) throw new RangeError(`epochs: expected a whole number ≥ 0, got ${epochs}`)
}
function checkProbability(name: string, p: number): void {
  if (typeof p !== 'number' || p !== p) throw new TypeError(`${name}: expected a number, got ${p}`)
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name}: expected a probability in [0, 1], got ${p}`)
}

/** A·v for a matrix A (rows) and a vector v. */
const times = (A: Rows, v: readonly number[]) => A.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0))
/** Aᵀ·v, without building Aᵀ. */
const timesTransposed = (A: Rows, v: readonly number[]) => A[0]!.map((_, j) => A.reduce((s, row, i) => s + row[j]! * v[i]!, 0))

export function sigmoid(z: number): number {
  if (typeof z !== 'number' || z !== z) throw new TypeError(`z: expected a number, got ${z}`)
  return Math.exp(Math.min(z, 0)) / (1 + Math.exp(-Math.abs(z)))
}

export function softmax(z: readonly number[]): number[] {
  checkFiniteVector('z', z)
  let top = z[0]!
  for (const v of z) if (v > top) top = v
  const out: number[] = []
  let total = 0
  for (const v of z) {
    const e = Math.exp(v - top)
    out.push(e)
    total += e
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / total
  return out
}

export function logSoftmax(z: readonly number[]): number[] {
  checkFiniteVector('z', z)
  let top = -Infinity
  for (const v of z) top = Math.max(top, v)
  let total = 0
  for (const v of z) total += Math.exp(v - top)
  const logTotal = Math.log(total)
  return z.map((v) => v - top - logTotal)
}

export function binaryCrossEntropy(p: number, y: number): number {
  checkProbability('p', p)
  checkProbability('y', y)
  const q = p < EPSILON ? EPSILON : p > 1 - EPSILON ? 1 - EPSILON : p
  return -y * Math.log(q) - (1 - y) * Math.log(1 - q)
}

export function categoricalCrossEntropy(p: readonly number[], y: readonly number[]): number {
  if (!Array.isArray(p) || !Array.isArray(y) || p.length === 0 || p.length !== y.length) {
    throw new RangeError(`p and y: expected two non-empty arrays of one length, got ${Array.isArray(p) ? p.length : p} and ${Array.isArray(y) ? y.length : y}`)
  }
  p.forEach((v, k) => checkProbability(`p[${k}]`, v))
  y.forEach((v, k) => checkProbability(`y[${k}]`, v))
  return p.reduce((h, pk, k) => (y[k]! === 0 ? h : h - y[k]! * Math.log(Math.max(EPSILON, Math.min(1 - EPSILON, pk)))), 0)
}

function logisticInputs(w: readonly number[], b: number, X: Rows, y: readonly number[]): void {
  checkFiniteVector('w', w)
  if (!Number.isFinite(b)) throw new RangeError(`b: expected a finite number, got ${b}`)
  checkRows('X', X, w.length)
  checkLabels(y, X.length, 2)
}

function logisticStep(w: readonly number[], b: number, X: Rows, y: readonly number[]): LogisticGradient {
  const z = times(X, w)
  const r = z.map((zi, i) => sigmoid(zi + b) - y[i]!)
  return { dw: timesTransposed(X, r).map((v) => v / X.length), db: r.reduce((s, v) => s + v, 0) / X.length }
}

export function logisticGradient(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  logisticInputs(w, b, X, y)
  return logisticStep(w, b, X, y)
}

export function predict(w: readonly number[], b: number, x: readonly number[]): 0 | 1 {
  checkFiniteVector('w', w)
  if (!Number.isFinite(b)) throw new RangeError(`b: expected a finite number, got ${b}`)
  checkFiniteVector('x', x, w.length)
  return times([x], w)[0]! + b >= 0 ? 1 : 0
}

export function accuracy(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): number {
  logisticInputs(w, b, X, y)
  const z = times(X, w)
  return z.filter((zi, i) => (zi + b >= 0 ? 1 : 0) === y[i]).length / X.length
}

export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  const d = checkRows('X', X)
  checkLabels(y, X.length, 2)
  checkRun(opts.learningRate, opts.epochs)
  const state = { w: opts.w0 ? opts.w0.slice() : new Array<number>(d).fill(0), b: opts.b0 ?? 0 }
  logisticInputs(state.w, state.b, X, y)
  const record = (): LogisticStep => {
    const z = times(X, state.w)
    const loss = z.reduce((s, zi, i) => s + binaryCrossEntropy(sigmoid(zi + state.b), y[i]!), 0) / X.length
    return { w: state.w.slice(), b: state.b, loss, accuracy: accuracy(state.w, state.b, X, y) }
  }
  const history: LogisticStep[] = [record()]
  let epochsLeft = opts.epochs
  while (epochsLeft-- > 0) {
    const g = logisticStep(state.w, state.b, X, y)
    state.w = state.w.map((v, j) => v - opts.learningRate * g.dw[j]!)
    state.b -= opts.learningRate * g.db
    history.push(record())
  }
  return { w: state.w, b: state.b, history }
}

function softmaxInputs(W: readonly number[][], b: readonly number[], X: Rows, y: readonly number[]): void {
  const d = checkRows('W', W)
  checkFiniteVector('b', b, W.length)
  checkRows('X', X, d)
  checkLabels(y, X.length, W.length)
}

function softmaxStep(W: readonly number[][], b: readonly number[], X: Rows, y: readonly number[]): SoftmaxGradient {
  // R[i][c] = softmax(W·xᵢ + b)[c] − [yᵢ = c]; dW = Rᵀ·X / n, db = Rᵀ·1 / n.
  const R = X.map((x, i) => softmax(times(W, x).map((v, c) => v + b[c]!)).map((p, c) => p - (c === y[i] ? 1 : 0)))
  const n = X.length
  return {
    dW: W.map((_, c) => timesTransposed(X, R.map((r) => r[c]!)).map((v) => v / n)),
    db: W.map((_, c) => R.reduce((s, r) => s + r[c]!, 0) / n),
  }
}

export function softmaxGradient(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): SoftmaxGradient {
  softmaxInputs(W, b, X, y)
  return softmaxStep(W, b, X, y)
}

export function predictClass(W: readonly number[][], b: readonly number[], x: readonly number[]): number {
  const d = checkRows('W', W)
  checkFiniteVector('b', b, W.length)
  checkFiniteVector('x', x, d)
  const z = times(W, x).map((v, c) => v + b[c]!)
  return z.indexOf(Math.max(...z))
}

export function trainSoftmax(X: readonly number[][], y: readonly number[], k: number, opts: SoftmaxTrainOptions): SoftmaxResult {
  const d = checkRows('X', X)
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`k: expected a whole number ≥ 2, got ${k}`)
  checkLabels(y, X.length, k)
  checkRun(opts.learningRate, opts.epochs)
  let W = opts.W0 ? opts.W0.map((row) => row.slice()) : [...Array(k)].map(() => new Array<number>(d).fill(0))
  let b = opts.b0 ? opts.b0.slice() : new Array<number>(k).fill(0)
  softmaxInputs(W, b, X, y)
  const record = (): SoftmaxStep => {
    const Z = X.map((x) => times(W, x).map((v, c) => v + b[c]!))
    return {
      W: W.map((row) => row.slice()),
      b: b.slice(),
      loss: -Z.reduce((s, z, i) => s + logSoftmax(z)[y[i]!]!, 0) / X.length,
      accuracy: Z.filter((z, i) => z.indexOf(Math.max(...z)) === y[i]).length / X.length,
    }
  }
  const history = [record()]
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const g = softmaxStep(W, b, X, y)
    W = W.map((row, c) => row.map((v, j) => v - opts.learningRate * g.dW[c]![j]!))
    b = b.map((v, c) => v - opts.learningRate * g.db[c]!)
    history.push(record())
  }
  return { W, b, history }
}

export function fitGaussian(X: readonly number[][]): Gaussian {
  checkRows('X', X)
  const n = X.length
  const mean = timesTransposed(X, new Array<number>(n).fill(1 / n))
  const centred = X.map((x) => x.map((v, j) => v - mean[j]!))
  const cov = mean.map((_, i) => timesTransposed(centred, centred.map((u) => u[i]! / n)))
  return { mean, cov }
}

export function fitSharedCovariance(X: readonly number[][], y: readonly number[]): SharedCovarianceModel {
  checkRows('X', X)
  checkLabels(y, X.length, 2)
  const n = X.length
  const count = [0, 1].map((c) => y.filter((v) => v === c).length)
  const missing = count.findIndex((m) => m === 0)
  if (missing >= 0) throw new RangeError(`class ${missing} has no rows: both classes are needed`)
  const fits = [0, 1].map((c) => fitGaussian(X.filter((_, i) => y[i] === c)))
  const cov = fits[0]!.cov.map((row, i) => row.map((v, j) => (count[0]! * v + count[1]! * fits[1]!.cov[i]![j]!) / n))
  return { means: [fits[0]!.mean, fits[1]!.mean], cov, priors: [count[0]! / n, count[1]! / n] }
}

/** Σ⁻¹ by Gauss–Jordan elimination with partial pivoting on [Σ | I]. */
function inverse(S: readonly number[][]): number[][] {
  const d = S.length
  const A = S.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))])
  const size = Math.max(...S.flat().map(Math.abs))
  for (let c = 0; c < d; c++) {
    let pivot = c
    for (let r = c + 1; r < d; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r
    if (!(Math.abs(A[pivot]![c]!) > 1e-12 * size)) throw new RangeError('the covariance matrix is singular: Σ⁻¹ and the posterior do not exist')
    ;[A[c], A[pivot]] = [A[pivot]!, A[c]!]
    const p = A[c]![c]!
    A[c] = A[c]!.map((v) => v / p)
    for (let r = 0; r < d; r++) {
      if (r === c) continue
      const f = A[r]![c]!
      A[r] = A[r]!.map((v, j) => v - f * A[c]![j]!)
    }
  }
  return A.map((row) => row.slice(d))
}

export function posterior(model: SharedCovarianceModel, x: readonly number[]): number {
  const d = checkRows('model.cov', model.cov)
  if (model.cov.length !== d) throw new RangeError(`model.cov: expected a square matrix, got ${model.cov.length} × ${d}`)
  checkFiniteVector('model.means[0]', model.means[0], d)
  checkFiniteVector('model.means[1]', model.means[1], d)
  if (!model.priors.every((p) => p > 0 && p < 1)) throw new RangeError(`model.priors: expected two numbers in (0, 1), got ${model.priors}`)
  checkFiniteVector('x', x, d)
  const P = inverse(model.cov)
  const quad = (m: readonly number[]) => {
    const u = x.map((v, j) => v - m[j]!)
    return times([u], times(P, u))[0]!
  }
  return sigmoid((quad(model.means[0]) - quad(model.means[1])) / 2 + Math.log(model.priors[1]) - Math.log(model.priors[0]))
}

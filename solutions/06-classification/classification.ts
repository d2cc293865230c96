// Answer key for 06-classification.

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

/** Probabilities are clipped to [EPS, 1 − EPS] before the log, as Keras does. */
const EPS = 1e-7

// ---- checks ----

function requireNumber(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${name} must be a number, got ${String(v)}`)
}
function requireFinite(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${String(v)}`)
}
function requireVector(name: string, v: readonly number[], length?: number): void {
  if (!Array.isArray(v) || v.length === 0) throw new RangeError(`${name} must be a non-empty array of numbers`)
  if (length !== undefined && v.length !== length) throw new RangeError(`${name} has length ${v.length}, expected ${length}`)
  v.forEach((x, i) => requireFinite(`${name}[${i}]`, x))
}
/** Checks a non-empty data matrix with rows of equal length and returns that length. */
function requireMatrix(name: string, X: readonly (readonly number[])[], columns?: number): number {
  if (!Array.isArray(X) || X.length === 0) throw new RangeError(`${name} must have at least one row`)
  const d = columns ?? X[0]!.length
  X.forEach((row, i) => requireVector(`${name}[${i}]`, row, d))
  return d
}
function requireLabels(y: readonly number[], n: number): void {
  if (!Array.isArray(y) || y.length !== n) throw new RangeError(`y has ${Array.isArray(y) ? y.length : 'no'} labels for ${n} rows`)
  y.forEach((c, i) => {
    if (c !== 0 && c !== 1) throw new RangeError(`labels must be 0 or 1, but y[${i}] is ${c}`)
  })
}
function requireClassLabels(y: readonly number[], n: number, k: number): void {
  if (!Array.isArray(y) || y.length !== n) throw new RangeError(`y has ${Array.isArray(y) ? y.length : 'no'} labels for ${n} rows`)
  y.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`labels must be integers 0 … ${k - 1}, but y[${i}] is ${c}`)
  })
}
function requireTraining(learningRate: number, epochs: number): void {
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`learningRate must be a positive finite number, got ${learningRate}`)
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be a non-negative integer, got ${epochs}`)
}
function requireProbability(name: string, p: number): void {
  requireNumber(name, p)
  if (p < 0 || p > 1) throw new RangeError(`${name} must be a probability in [0, 1], got ${p}`)
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, ai, i) => s + ai * b[i]!, 0)

// ---- sigmoid, softmax and cross-entropy ----

/** σ(z) = 1/(1 + e^−z). For z < 0 the same value as e^z/(1 + e^z), which stays accurate where σ(z) is tiny. */
export function sigmoid(z: number): number {
  requireNumber('z', z)
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}

/** log Σ e^zⱼ = m + log Σ e^(zⱼ − m) with m = max z: no term overflows, the largest is e^0 = 1. */
function logSumExp(z: readonly number[]): number {
  const m = Math.max(...z)
  let s = 0
  for (const v of z) s += Math.exp(v - m)
  return m + Math.log(s)
}

export function softmax(z: readonly number[]): number[] {
  requireVector('z', z)
  const m = Math.max(...z)
  const e = z.map((v) => Math.exp(v - m))
  const s = e.reduce((a, v) => a + v, 0)
  return e.map((v) => v / s)
}

export function logSoftmax(z: readonly number[]): number[] {
  requireVector('z', z)
  const lse = logSumExp(z)
  return z.map((v) => v - lse)
}

const clip = (p: number) => Math.min(Math.max(p, EPS), 1 - EPS)

/** −[y ln p + (1 − y) ln(1 − p)], with p clipped so that p = 0 or 1 gives a large finite loss, never NaN. */
export function binaryCrossEntropy(p: number, y: number): number {
  requireProbability('p', p)
  requireProbability('y', y)
  const q = clip(p)
  return -(y * Math.log(q) + (1 - y) * Math.log(1 - q))
}

/** −Σ yₖ ln pₖ; a class with yₖ = 0 contributes nothing, even where pₖ = 0. */
export function categoricalCrossEntropy(p: readonly number[], y: readonly number[]): number {
  if (!Array.isArray(p) || !Array.isArray(y) || p.length === 0) throw new RangeError('p and y must be non-empty arrays')
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} classes but y has ${y.length}`)
  let loss = 0
  p.forEach((pk, k) => {
    requireProbability(`p[${k}]`, pk)
    requireProbability(`y[${k}]`, y[k]!)
    if (y[k]! > 0) loss -= y[k]! * Math.log(clip(pk))
  })
  return loss
}

// ---- logistic regression ----

function checkLogistic(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): void {
  requireVector('w', w)
  requireFinite('b', b)
  requireMatrix('X', X, w.length)
  requireLabels(y, X.length)
}

function gradientUnchecked(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  const dw = w.map(() => 0)
  let db = 0
  X.forEach((x, i) => {
    const r = sigmoid(dot(w, x) + b) - y[i]!
    for (let j = 0; j < dw.length; j++) dw[j]! += r * x[j]!
    db += r
  })
  return { dw: dw.map((v) => v / X.length), db: db / X.length }
}

/** ∂L/∂wⱼ = (1/n) Σ (σ(w·x + b) − y)·xⱼ and ∂L/∂b = (1/n) Σ (σ(w·x + b) − y), for the mean cross-entropy L. */
export function logisticGradient(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  checkLogistic(w, b, X, y)
  return gradientUnchecked(w, b, X, y)
}

export function predict(w: readonly number[], b: number, x: readonly number[]): 0 | 1 {
  requireVector('w', w)
  requireFinite('b', b)
  requireVector('x', x, w.length)
  // σ(z) ≥ 0.5 exactly when z ≥ 0 (the lecture's rule, without rounding near the boundary).
  return dot(w, x) + b >= 0 ? 1 : 0
}

export function accuracy(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): number {
  checkLogistic(w, b, X, y)
  return X.reduce((n, x, i) => n + (predict(w, b, x) === y[i] ? 1 : 0), 0) / X.length
}

const meanLoss = (w: readonly number[], b: number, X: readonly number[][], y: readonly number[]) =>
  X.reduce((s, x, i) => s + binaryCrossEntropy(sigmoid(dot(w, x) + b), y[i]!), 0) / X.length

/** Full-batch gradient descent; both parts of the gradient come from the same (w, b) before the step. */
export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  const d = requireMatrix('X', X)
  requireLabels(y, X.length)
  requireTraining(opts.learningRate, opts.epochs)
  let w = opts.w0 ? opts.w0.slice() : new Array<number>(d).fill(0)
  let b = opts.b0 ?? 0
  checkLogistic(w, b, X, y)
  const step = (): LogisticStep => ({ w: w.slice(), b, loss: meanLoss(w, b, X, y), accuracy: accuracy(w, b, X, y) })
  const history = [step()]
  for (let t = 0; t < opts.epochs; t++) {
    const { dw, db } = gradientUnchecked(w, b, X, y)
    w = w.map((wj, j) => wj - opts.learningRate * dw[j]!)
    b = b - opts.learningRate * db
    history.push(step())
  }
  return { w, b, history }
}

// ---- softmax regression: k classes, z = W·x + b with W of shape k × d ----

function checkSoftmax(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): void {
  const d = requireMatrix('W', W)
  requireVector('b', b, W.length)
  requireMatrix('X', X, d)
  requireClassLabels(y, X.length, W.length)
}

const logits = (W: readonly number[][], b: readonly number[], x: readonly number[]) => W.map((row, c) => dot(row, x) + b[c]!)

function softmaxGradientUnchecked(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): SoftmaxGradient {
  const dW = W.map((row) => row.map(() => 0))
  const db = b.map(() => 0)
  X.forEach((x, i) => {
    softmax(logits(W, b, x)).forEach((pc, c) => {
      const r = pc - (y[i] === c ? 1 : 0)
      for (let j = 0; j < x.length; j++) dW[c]![j]! += r * x[j]!
      db[c]! += r
    })
  })
  return { dW: dW.map((row) => row.map((v) => v / X.length)), db: db.map((v) => v / X.length) }
}

/** ∂L/∂W = (1/n) Σ (softmax(Wx + b) − onehot(y))·xᵀ and ∂L/∂b = (1/n) Σ (softmax(Wx + b) − onehot(y)). */
export function softmaxGradient(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): SoftmaxGradient {
  checkSoftmax(W, b, X, y)
  return softmaxGradientUnchecked(W, b, X, y)
}

export function predictClass(W: readonly number[][], b: readonly number[], x: readonly number[]): number {
  const d = requireMatrix('W', W)
  requireVector('b', b, W.length)
  requireVector('x', x, d)
  const z = logits(W, b, x)
  return z.reduce((best, v, c) => (v > z[best]! ? c : best), 0)
}

export function trainSoftmax(X: readonly number[][], y: readonly number[], k: number, opts: SoftmaxTrainOptions): SoftmaxResult {
  const d = requireMatrix('X', X)
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`)
  requireClassLabels(y, X.length, k)
  requireTraining(opts.learningRate, opts.epochs)
  let W = opts.W0 ? opts.W0.map((row) => row.slice()) : Array.from({ length: k }, () => new Array<number>(d).fill(0))
  let b = opts.b0 ? opts.b0.slice() : new Array<number>(k).fill(0)
  checkSoftmax(W, b, X, y)
  const step = (): SoftmaxStep => ({
    W: W.map((row) => row.slice()),
    b: b.slice(),
    loss: X.reduce((s, x, i) => s - logSoftmax(logits(W, b, x))[y[i]!]!, 0) / X.length,
    accuracy: X.reduce((n, x, i) => n + (predictClass(W, b, x) === y[i] ? 1 : 0), 0) / X.length,
  })
  const history = [step()]
  for (let t = 0; t < opts.epochs; t++) {
    const g = softmaxGradientUnchecked(W, b, X, y)
    W = W.map((row, c) => row.map((v, j) => v - opts.learningRate * g.dW[c]![j]!))
    b = b.map((v, c) => v - opts.learningRate * g.db[c]!)
    history.push(step())
  }
  return { W, b, history }
}

// ---- the Gaussian generative model ----

/** Maximum likelihood: μ = (1/|C|) Σ x and Σ = (1/|C|) Σ (x − μ)(x − μ)ᵀ (not 1/(|C| − 1)). */
export function fitGaussian(X: readonly number[][]): Gaussian {
  const d = requireMatrix('X', X)
  const n = X.length
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j]!, 0) / n)
  const cov = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + (x[i]! - mean[i]!) * (x[j]! - mean[j]!), 0) / n),
  )
  return { mean, cov }
}

/** One Gaussian per class with a common Σ = (|C₀| Σ₀ + |C₁| Σ₁)/n, and priors |Cᵢ|/n. */
export function fitSharedCovariance(X: readonly number[][], y: readonly number[]): SharedCovarianceModel {
  requireMatrix('X', X)
  requireLabels(y, X.length)
  const parts = [0, 1].map((c) => X.filter((_, i) => y[i] === c))
  parts.forEach((part, c) => {
    if (part.length === 0) throw new RangeError(`class ${c} has no rows: both classes are needed`)
  })
  const [g0, g1] = parts.map(fitGaussian) as [Gaussian, Gaussian]
  const [n0, n1] = [parts[0]!.length, parts[1]!.length]
  const n = X.length
  const cov = g0.cov.map((row, i) => row.map((v, j) => (n0 * v + n1 * g1.cov[i]![j]!) / n))
  return { means: [g0.mean, g1.mean], cov, priors: [n0 / n, n1 / n] }
}

/** Solves A·v = r by Gaussian elimination with partial pivoting; a (numerically) singular A throws. */
function solve(A: readonly number[][], r: readonly number[]): number[] {
  const n = A.length
  const M = A.map((row, i) => [...row, r[i]!])
  const scale = Math.max(...A.flat().map(Math.abs))
  for (let c = 0; c < n; c++) {
    let p = c
    for (let i = c + 1; i < n; i++) if (Math.abs(M[i]![c]!) > Math.abs(M[p]![c]!)) p = i
    if (!(Math.abs(M[p]![c]!) > 1e-12 * scale)) throw new RangeError('the covariance matrix is singular: the posterior is undefined')
    ;[M[c], M[p]] = [M[p]!, M[c]!]
    for (let i = c + 1; i < n; i++) {
      const f = M[i]![c]! / M[c]![c]!
      for (let j = c; j <= n; j++) M[i]![j]! -= f * M[c]![j]!
    }
  }
  const v = new Array<number>(n).fill(0)
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i]![n]!
    for (let j = i + 1; j < n; j++) s -= M[i]![j]! * v[j]!
    v[i] = s / M[i]![i]!
  }
  return v
}

/**
 * P(C₁ | x) = σ(a) with a = ln[p(x | C₁) P(C₁)] − ln[p(x | C₀) P(C₀)]. Working with log densities keeps
 * far points finite: there both densities underflow to 0 and the ratio of densities is 0/0 = NaN.
 * The normalising constants are equal (shared Σ) and cancel.
 */
export function posterior(model: SharedCovarianceModel, x: readonly number[]): number {
  const d = requireMatrix('model.cov', model.cov)
  if (model.cov.length !== d) throw new RangeError(`model.cov must be square, it is ${model.cov.length} × ${d}`)
  model.means.forEach((m, c) => requireVector(`model.means[${c}]`, m, d))
  model.priors.forEach((p, c) => {
    if (!(p > 0 && p < 1)) throw new RangeError(`model.priors[${c}] must be in (0, 1), got ${p}`)
  })
  requireVector('x', x, d)
  const halfMahalanobis = (mean: readonly number[]) => {
    const diff = x.map((v, j) => v - mean[j]!)
    return 0.5 * dot(diff, solve(model.cov, diff))
  }
  const a = halfMahalanobis(model.means[0]) - halfMahalanobis(model.means[1]) + Math.log(model.priors[1]) - Math.log(model.priors[0])
  return sigmoid(a)
}

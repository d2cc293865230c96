/**
 * Log space first: σ from log1p, softmax as exp(logSoftmax), cross-entropies clipped at 1e-12 with log1p, the posterior through a Cholesky factor of Σ, and the covariances accumulated as sums of outer products.
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

const CLIP = 1e-12

function fail(message: string): never {
  throw new RangeError(message)
}
function finite(label: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${label} = ${v} is not a finite number`)
  return v
}
function vec(label: string, v: readonly number[], n?: number): readonly number[] {
  if (!Array.isArray(v) || v.length === 0) fail(`${label} is empty`)
  if (n !== undefined && v.length !== n) fail(`${label} has ${v.length} entries where ${n} are needed`)
  for (let i = 0; i < v.length; i++) finite(`${label}[${i}]`, v[i]!)
  return v
}
function rows(label: string, M: readonly (readonly number[])[], width?: number): number {
  if (!Array.isArray(M) || M.length === 0) fail(`${label} has no rows`)
  const d = width ?? M[0]!.length
  for (let i = 0; i < M.length; i++) vec(`${label}[${i}]`, M[i]!, d)
  return d
}
function binaryLabels(y: readonly number[], n: number): void {
  if (!Array.isArray(y) || y.length !== n) fail(`expected ${n} labels in y, got ${Array.isArray(y) ? y.length : y}`)
  for (let i = 0; i < n; i++) if (y[i] !== 0 && y[i] !== 1) fail(`y[${i}] = ${y[i]} is not a label 0 or 1`)
}
function classLabels(y: readonly number[], n: number, k: number): void {
  if (!Array.isArray(y) || y.length !== n) fail(`expected ${n} labels in y, got ${Array.isArray(y) ? y.length : y}`)
  for (let i = 0; i < n; i++) if (!Number.isInteger(y[i]) || y[i]! < 0 || y[i]! >= k) fail(`y[${i}] = ${y[i]} is not a class 0 … ${k - 1}`)
}
function options(learningRate: number, epochs: number): void {
  if (!(Number.isFinite(learningRate) && learningRate > 0)) fail(`learningRate = ${learningRate} must be positive and finite`)
  if (!(Number.isInteger(epochs) && epochs >= 0)) fail(`epochs = ${epochs} must be a whole number ≥ 0`)
}
function probability(label: string, p: number): number {
  if (typeof p !== 'number' || Number.isNaN(p)) throw new TypeError(`${label} = ${p} is not a number`)
  if (p < 0 || p > 1) fail(`${label} = ${p} is not a probability`)
  return p
}

const inner = (a: readonly number[], b: readonly number[]) => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}

export function sigmoid(z: number): number {
  if (typeof z !== 'number' || Number.isNaN(z)) throw new TypeError(`sigmoid needs a number, got ${z}`)
  // ln σ(z) = −ln(1 + e^−z) = z − ln(1 + e^z); use the form whose exponential cannot overflow.
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z - Math.log1p(Math.exp(z)))
}

function logSumExp(z: readonly number[]): number {
  const top = z.reduce((m, v) => (v > m ? v : m), -Infinity)
  return top + Math.log(z.reduce((s, v) => s + Math.exp(v - top), 0))
}

export function logSoftmax(z: readonly number[]): number[] {
  vec('z', z)
  const lse = logSumExp(z)
  return z.map((v) => v - lse)
}

export function softmax(z: readonly number[]): number[] {
  return logSoftmax(z).map(Math.exp)
}

const safeLog = (p: number) => Math.log(Math.max(p, CLIP))
const safeLog1m = (p: number) => Math.log1p(-Math.min(p, 1 - CLIP))

export function binaryCrossEntropy(p: number, y: number): number {
  probability('p', p)
  probability('y', y)
  const positive = y === 0 ? 0 : -y * safeLog(p)
  const negative = y === 1 ? 0 : -(1 - y) * safeLog1m(p)
  return positive + negative
}

export function categoricalCrossEntropy(p: readonly number[], y: readonly number[]): number {
  if (!Array.isArray(p) || p.length === 0) fail('p is empty')
  if (!Array.isArray(y) || y.length !== p.length) fail(`p has ${p.length} entries but y has ${Array.isArray(y) ? y.length : y}`)
  let h = 0
  for (let k = 0; k < p.length; k++) {
    probability(`p[${k}]`, p[k]!)
    probability(`y[${k}]`, y[k]!)
    if (y[k] !== 0) h -= y[k]! * safeLog(p[k]!)
  }
  return h
}

function logisticChecks(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): void {
  vec('w', w)
  finite('b', b)
  rows('X', X, w.length)
  binaryLabels(y, X.length)
}

function gradientOf(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  const residual = X.map((x, i) => sigmoid(inner(w, x) + b) - y[i]!)
  const n = X.length
  return {
    dw: w.map((_, j) => residual.reduce((s, r, i) => s + r * X[i]![j]!, 0) / n),
    db: residual.reduce((s, r) => s + r, 0) / n,
  }
}

export function logisticGradient(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  logisticChecks(w, b, X, y)
  return gradientOf(w, b, X, y)
}

export function predict(w: readonly number[], b: number, x: readonly number[]): 0 | 1 {
  vec('w', w)
  finite('b', b)
  vec('x', x, w.length)
  return inner(w, x) + b < 0 ? 0 : 1
}

export function accuracy(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): number {
  logisticChecks(w, b, X, y)
  let right = 0
  for (let i = 0; i < X.length; i++) if (predict(w, b, X[i]!) === y[i]) right++
  return right / X.length
}

export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  const d = rows('X', X)
  binaryLabels(y, X.length)
  options(opts.learningRate, opts.epochs)
  let w = opts.w0 ? [...opts.w0] : Array<number>(d).fill(0)
  let b = opts.b0 ?? 0
  logisticChecks(w, b, X, y)
  const snapshot = (): LogisticStep => ({
    w: [...w],
    b,
    loss: X.reduce((s, x, i) => s + binaryCrossEntropy(sigmoid(inner(w, x) + b), y[i]!), 0) / X.length,
    accuracy: accuracy(w, b, X, y),
  })
  const history = [snapshot()]
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const g = gradientOf(w, b, X, y)
    ;[w, b] = [w.map((v, j) => v - opts.learningRate * g.dw[j]!), b - opts.learningRate * g.db]
    history.push(snapshot())
  }
  return { w, b, history }
}

function softmaxChecks(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): void {
  const d = rows('W', W)
  vec('b', b, W.length)
  rows('X', X, d)
  classLabels(y, X.length, W.length)
}

const scores = (W: readonly number[][], b: readonly number[], x: readonly number[]) => W.map((row, c) => inner(row, x) + b[c]!)

function softmaxGradientOf(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): SoftmaxGradient {
  const n = X.length
  const residual = X.map((x, i) => softmax(scores(W, b, x)).map((p, c) => p - Number(c === y[i])))
  return {
    dW: W.map((row, c) => row.map((_, j) => residual.reduce((s, r, i) => s + r[c]! * X[i]![j]!, 0) / n)),
    db: b.map((_, c) => residual.reduce((s, r) => s + r[c]!, 0) / n),
  }
}

export function softmaxGradient(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): SoftmaxGradient {
  softmaxChecks(W, b, X, y)
  return softmaxGradientOf(W, b, X, y)
}

export function predictClass(W: readonly number[][], b: readonly number[], x: readonly number[]): number {
  const d = rows('W', W)
  vec('b', b, W.length)
  vec('x', x, d)
  const z = scores(W, b, x)
  let best = 0
  for (let c = 1; c < z.length; c++) if (z[c]! > z[best]!) best = c
  return best
}

export function trainSoftmax(X: readonly number[][], y: readonly number[], k: number, opts: SoftmaxTrainOptions): SoftmaxResult {
  const d = rows('X', X)
  if (!(Number.isInteger(k) && k >= 2)) fail(`k = ${k}: at least 2 classes are needed`)
  classLabels(y, X.length, k)
  options(opts.learningRate, opts.epochs)
  let W = opts.W0 ? opts.W0.map((r) => [...r]) : Array.from({ length: k }, () => Array<number>(d).fill(0))
  let b = opts.b0 ? [...opts.b0] : Array<number>(k).fill(0)
  softmaxChecks(W, b, X, y)
  const snapshot = (): SoftmaxStep => ({
    W: W.map((r) => [...r]),
    b: [...b],
    loss: -X.reduce((s, x, i) => s + logSoftmax(scores(W, b, x))[y[i]!]!, 0) / X.length,
    accuracy: X.filter((x, i) => predictClass(W, b, x) === y[i]).length / X.length,
  })
  const history = [snapshot()]
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const g = softmaxGradientOf(W, b, X, y)
    W = W.map((r, c) => r.map((v, j) => v - opts.learningRate * g.dW[c]![j]!))
    b = b.map((v, c) => v - opts.learningRate * g.db[c]!)
    history.push(snapshot())
  }
  return { W, b, history }
}

export function fitGaussian(X: readonly number[][]): Gaussian {
  const d = rows('X', X)
  const n = X.length
  const mean = Array<number>(d).fill(0)
  for (const x of X) for (let j = 0; j < d; j++) mean[j]! += x[j]! / n
  const cov = Array.from({ length: d }, () => Array<number>(d).fill(0))
  for (const x of X) {
    const u = x.map((v, j) => v - mean[j]!)
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i]![j]! += (u[i]! * u[j]!) / n
  }
  return { mean, cov }
}

export function fitSharedCovariance(X: readonly number[][], y: readonly number[]): SharedCovarianceModel {
  rows('X', X)
  binaryLabels(y, X.length)
  const byClass = [X.filter((_, i) => y[i] === 0), X.filter((_, i) => y[i] === 1)]
  if (byClass[0]!.length === 0 || byClass[1]!.length === 0) fail('both classes need at least one row')
  const g = byClass.map(fitGaussian)
  const n = X.length
  const w0 = byClass[0]!.length / n
  const w1 = byClass[1]!.length / n
  return {
    means: [g[0]!.mean, g[1]!.mean],
    cov: g[0]!.cov.map((row, i) => row.map((v, j) => w0 * v + w1 * g[1]!.cov[i]![j]!)),
    priors: [w0, w1],
  }
}

/** Σ = L·Lᵀ (Cholesky); throws when Σ is not (numerically) positive definite. */
function cholesky(S: readonly number[][]): number[][] {
  const d = S.length
  const scale = Math.max(...S.map((row, i) => Math.abs(row[i]!)))
  const L = Array.from({ length: d }, () => Array<number>(d).fill(0))
  for (let j = 0; j < d; j++) {
    let diag = S[j]![j]!
    for (let k = 0; k < j; k++) diag -= L[j]![k]! ** 2
    if (!(diag > 1e-12 * scale)) fail('the covariance matrix is singular (not positive definite): no posterior')
    L[j]![j] = Math.sqrt(diag)
    for (let i = j + 1; i < d; i++) {
      let s = S[i]![j]!
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!
      L[i]![j] = s / L[j]![j]!
    }
  }
  return L
}

/** ‖L⁻¹u‖² = uᵀΣ⁻¹u, by forward substitution. */
function mahalanobisSquared(L: readonly number[][], u: readonly number[]): number {
  const v: number[] = []
  for (let i = 0; i < u.length; i++) {
    let s = u[i]!
    for (let k = 0; k < i; k++) s -= L[i]![k]! * v[k]!
    v.push(s / L[i]![i]!)
  }
  return inner(v, v)
}

export function posterior(model: SharedCovarianceModel, x: readonly number[]): number {
  const d = rows('model.cov', model.cov)
  if (model.cov.length !== d) fail(`model.cov is ${model.cov.length} × ${d}, not square`)
  vec('model.means[0]', model.means[0], d)
  vec('model.means[1]', model.means[1], d)
  for (const [c, p] of model.priors.entries()) if (!(p > 0 && p < 1)) fail(`model.priors[${c}] = ${p} is not in (0, 1)`)
  vec('x', x, d)
  const L = cholesky(model.cov)
  const q0 = mahalanobisSquared(L, x.map((v, j) => v - model.means[0][j]!))
  const q1 = mahalanobisSquared(L, x.map((v, j) => v - model.means[1][j]!))
  return sigmoid(0.5 * (q0 - q1) + Math.log(model.priors[1] / model.priors[0]))
}

// Oracles for 06-classification: float64 reference implementations (written for accuracy, not
// speed), the Gaussian generative model's closed form through mathjs, and the arbitraries the tests
// draw from. The TensorFlow.js oracles (tf.sigmoid, tf.softmax, tf.losses.*) are called from the
// tests themselves.
import fc from 'fast-check'
import { math } from './mathjs.ts'

const { det, inv, multiply, transpose } = math
import { createRng, randomNormal } from '../public/rng.ts'

// ---- scalar functions, each accurate to a few ulps over the whole float64 range ----

/** σ(z), with relative accuracy also in the tail where σ(z) is tiny (e^z/(1 + e^z) for z < 0). */
export function sigmoidRef(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}

/** log σ(z) = −log(1 + e^−z), finite for every finite z. */
export function logSigmoidRef(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z))
}

/** log Σ e^zᵢ, shifted by the maximum. */
export function logSumExpRef(z: readonly number[]): number {
  const m = Math.max(...z)
  return m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0))
}

export function softmaxRef(z: readonly number[]): number[] {
  const lse = logSumExpRef(z)
  return z.map((v) => Math.exp(v - lse))
}

export function logSoftmaxRef(z: readonly number[]): number[] {
  const lse = logSumExpRef(z)
  return z.map((v) => v - lse)
}

/** −[y log p + (1 − y) log(1 − p)] in nats, for 0 < p < 1 (no clipping: the tests keep p inside). */
export function binaryCrossEntropyRef(p: number, y: number): number {
  return -(y * Math.log(p) + (1 - y) * Math.log1p(-p))
}

/** −Σ yₖ log pₖ in nats, for pₖ > 0 wherever yₖ > 0. */
export function categoricalCrossEntropyRef(p: readonly number[], y: readonly number[]): number {
  return -p.reduce((s, pk, k) => s + (y[k]! === 0 ? 0 : y[k]! * Math.log(pk)), 0)
}

export const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, ai, i) => s + ai * b[i]!, 0)

// ---- logistic regression ----

/** The mean binary cross-entropy of σ(w·x + b) from the logits: softplus(z) − y·z, never log(0). */
export function logisticLossRef(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): number {
  return X.reduce((s, x, i) => {
    const z = dot(w, x) + b
    return s - y[i]! * logSigmoidRef(z) - (1 - y[i]!) * logSigmoidRef(-z)
  }, 0) / X.length
}

/** ∂L/∂w = (1/n) Σ (σ(w·x + b) − y)·x and ∂L/∂b = (1/n) Σ (σ(w·x + b) − y). */
export function logisticGradientRef(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): { dw: number[]; db: number } {
  const dw = w.map(() => 0)
  let db = 0
  X.forEach((x, i) => {
    const r = sigmoidRef(dot(w, x) + b) - y[i]!
    x.forEach((xj, j) => (dw[j]! += r * xj))
    db += r
  })
  return { dw: dw.map((v) => v / X.length), db: db / X.length }
}

/** The lecture's rule: class 1 when σ(w·x + b) ≥ 0.5, that is when w·x + b ≥ 0. */
export const predictRef = (w: readonly number[], b: number, x: readonly number[]): 0 | 1 => (dot(w, x) + b >= 0 ? 1 : 0)

export function accuracyRef(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): number {
  return X.reduce((n, x, i) => n + (predictRef(w, b, x) === y[i] ? 1 : 0), 0) / X.length
}

export interface LogisticOptions {
  learningRate: number
  epochs: number
  w0?: number[]
  b0?: number
}
export interface LogisticStepRef {
  w: number[]
  b: number
  loss: number
  accuracy: number
}

/** Full-batch gradient descent, every parameter updated from the same (old) point, as in the lecture. */
export function trainLogisticRef(X: readonly number[][], y: readonly number[], opts: LogisticOptions) {
  let w = opts.w0 ? opts.w0.slice() : X[0]!.map(() => 0)
  let b = opts.b0 ?? 0
  const entry = (): LogisticStepRef => ({ w: w.slice(), b, loss: logisticLossRef(w, b, X, y), accuracy: accuracyRef(w, b, X, y) })
  const history = [entry()]
  for (let t = 0; t < opts.epochs; t++) {
    const { dw, db } = logisticGradientRef(w, b, X, y)
    w = w.map((wj, j) => wj - opts.learningRate * dw[j]!)
    b -= opts.learningRate * db
    history.push(entry())
  }
  return { w, b, history }
}

// ---- softmax regression: z = W·x + b with W of shape k × d ----

export function softmaxLogitsRef(W: readonly number[][], b: readonly number[], x: readonly number[]): number[] {
  return W.map((row, c) => dot(row, x) + b[c]!)
}

export function softmaxLossRef(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): number {
  return X.reduce((s, x, i) => s - logSoftmaxRef(softmaxLogitsRef(W, b, x))[y[i]!]!, 0) / X.length
}

/** ∂L/∂W = (1/n) Σ (p − onehot(y))·xᵀ and ∂L/∂b = (1/n) Σ (p − onehot(y)). */
export function softmaxGradientRef(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]) {
  const dW = W.map((row) => row.map(() => 0))
  const db = b.map(() => 0)
  X.forEach((x, i) => {
    const p = softmaxRef(softmaxLogitsRef(W, b, x))
    p.forEach((pc, c) => {
      const r = pc - (y[i] === c ? 1 : 0)
      x.forEach((xj, j) => (dW[c]![j]! += r * xj))
      db[c]! += r
    })
  })
  return { dW: dW.map((row) => row.map((v) => v / X.length)), db: db.map((v) => v / X.length) }
}

export const argmax = (v: readonly number[]) => v.reduce((best, x, i) => (x > v[best]! ? i : best), 0)

export function softmaxAccuracyRef(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): number {
  return X.reduce((n, x, i) => n + (argmax(softmaxLogitsRef(W, b, x)) === y[i] ? 1 : 0), 0) / X.length
}

export interface SoftmaxOptions {
  learningRate: number
  epochs: number
  W0?: number[][]
  b0?: number[]
}

export function trainSoftmaxRef(X: readonly number[][], y: readonly number[], k: number, opts: SoftmaxOptions) {
  let W = opts.W0 ? opts.W0.map((r) => r.slice()) : Array.from({ length: k }, () => X[0]!.map(() => 0))
  let b = opts.b0 ? opts.b0.slice() : Array.from({ length: k }, () => 0)
  const entry = () => ({ W: W.map((r) => r.slice()), b: b.slice(), loss: softmaxLossRef(W, b, X, y), accuracy: softmaxAccuracyRef(W, b, X, y) })
  const history = [entry()]
  for (let t = 0; t < opts.epochs; t++) {
    const g = softmaxGradientRef(W, b, X, y)
    W = W.map((row, c) => row.map((v, j) => v - opts.learningRate * g.dW[c]![j]!))
    b = b.map((v, c) => v - opts.learningRate * g.db[c]!)
    history.push(entry())
  }
  return { W, b, history }
}

// ---- the Gaussian generative model ("tribe x / tribe y") ----

export interface GaussianRef {
  mean: number[]
  cov: number[][]
}
export interface SharedModelRef {
  means: [number[], number[]]
  cov: number[][]
  priors: [number, number]
}

/** Maximum likelihood: μ = (1/n) Σ x and Σ = (1/n) Σ (x − μ)(x − μ)ᵀ, through mathjs. */
export function fitGaussianRef(X: readonly number[][]): GaussianRef {
  const n = X.length
  const d = X[0]!.length
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j]!, 0) / n)
  const centred = X.map((x) => x.map((v, j) => v - mean[j]!))
  const scatter = multiply(transpose(centred), centred) as number[][]
  return { mean, cov: scatter.map((row) => row.map((v) => v / n)) }
}

/** Σ = (|C₀| Σ₀ + |C₁| Σ₁)/n, the likelihood's maximum when both classes share Σ; priors |Cᵢ|/n. */
export function fitSharedCovarianceRef(X: readonly number[][], y: readonly number[]): SharedModelRef {
  const parts = [0, 1].map((c) => X.filter((_, i) => y[i] === c))
  const fits = parts.map(fitGaussianRef)
  const n = X.length
  const cov = fits[0]!.cov.map((row, i) => row.map((_, j) => (parts[0]!.length * fits[0]!.cov[i]![j]! + parts[1]!.length * fits[1]!.cov[i]![j]!) / n))
  return { means: [fits[0]!.mean, fits[1]!.mean], cov, priors: [parts[0]!.length / n, parts[1]!.length / n] }
}

/**
 * With a shared Σ the posterior is σ(w·x + b) with w = Σ⁻¹(μ₁ − μ₀) and
 * b = −½ μ₁ᵀΣ⁻¹μ₁ + ½ μ₀ᵀΣ⁻¹μ₀ + ln(π₁/π₀): the quadratic terms xᵀΣ⁻¹x cancel.
 */
export function closedForm(model: SharedModelRef): { w: number[]; b: number } {
  const P = inv(model.cov) as number[][]
  const [m0, m1] = model.means
  const w = P.map((row) => dot(row, m1) - dot(row, m0))
  const quad = (m: number[]) => dot(m, P.map((row) => dot(row, m)))
  return { w, b: -0.5 * quad(m1) + 0.5 * quad(m0) + Math.log(model.priors[1] / model.priors[0]) }
}

/** (x − μ)ᵀ Σ⁻¹ (x − μ): how far x is from μ in standard deviations, squared. */
export function mahalanobis2(model: SharedModelRef, c: 0 | 1, x: readonly number[]): number {
  const P = inv(model.cov) as number[][]
  const d = x.map((v, j) => v - model.means[c][j]!)
  return dot(d, P.map((row) => dot(row, d)))
}

export const logDet = (cov: number[][]) => Math.log(det(cov))

/** The same model with the classes swapped: its posterior of class 1 is P(C₀ | x). */
export const swapClasses = (m: SharedModelRef): SharedModelRef => ({ means: [m.means[1], m.means[0]], cov: m.cov, priors: [m.priors[1], m.priors[0]] })

// ---- arbitraries ----

const coordinate = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true })

/** Rows of d coordinates in [−10, 10]. */
export const matrixArb = (minRows: number, maxRows: number, d: number) =>
  fc.array(fc.array(coordinate, { minLength: d, maxLength: d }), { minLength: minRows, maxLength: maxRows })

/**
 * A covariance L·Lᵀ with L lower-triangular, diagonal in [0.5, 2] and the rest in [−1, 1]: always
 * positive definite, eigenvalues between about 0.1 and 10.
 */
export const covarianceArb = (d: number) =>
  fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d * d, maxLength: d * d }).chain((off) =>
    fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: d, maxLength: d }).map((diag) => {
      const L = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? diag[i]! : j < i ? off[i * d + j]! : 0)))
      return L.map((Li) => L.map((Lj) => dot(Li, Lj)))
    }),
  )

const meanArb = (d: number) => fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d, maxLength: d })

/** A two-class model with a shared covariance in 1 to 3 dimensions. */
export const sharedModelArb: fc.Arbitrary<SharedModelRef> = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record({ m0: meanArb(d), m1: meanArb(d), cov: covarianceArb(d), p: fc.double({ min: 0.05, max: 0.95, noNaN: true }) })
    .map(({ m0, m1, cov, p }): SharedModelRef => ({ means: [m0, m1], cov, priors: [1 - p, p] })),
)

/**
 * A model and a point: near the means (up to 4 units from their midpoint), or far (150 to 400 units)
 * where both densities are below e^−745 and underflow to 0. Half of the far points lie "sideways",
 * along a direction u with w·u = 0 (w = Σ⁻¹(μ₁ − μ₀)), so that the posterior there is an ordinary
 * number rather than 0 or 1. (Σ's eigenvalues are below 15, so 150 units are at least 38 standard
 * deviations: (x − μ)ᵀΣ⁻¹(x − μ) ≥ 150²/15 = 1500 > 2·745.)
 */
export const modelAndPoint = (far: boolean) =>
  sharedModelArb.chain((model) => {
    const d = model.cov.length
    const direction = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d })
    const r = far ? fc.double({ min: 150, max: 400, noNaN: true }) : fc.double({ min: 0, max: 4, noNaN: true })
    return fc.record({ u: direction, r, sideways: fc.boolean() }).map(({ u, r, sideways }) => {
      const { w } = closedForm(model)
      const v = far && sideways && d > 1 && dot(w, w) > 1e-12 ? u.map((ui, j) => ui - (dot(w, u) / dot(w, w)) * w[j]!) : u
      const norm = Math.sqrt(dot(v, v))
      const unit = norm > 1e-3 ? v.map((vi) => vi / norm) : model.means[0].map((_, j) => (j === 0 ? 1 : 0))
      const centre = model.means[0].map((m, j) => (m + model.means[1][j]!) / 2)
      return { model, x: centre.map((c, j) => c + r * unit[j]!) }
    })
  })

/** A labelled data set with both classes present: n rows of d coordinates and 0/1 labels. */
export const labelledDataArb = (d: number, minRows = 4, maxRows = 30) =>
  fc.array(fc.tuple(fc.array(coordinate, { minLength: d, maxLength: d }), fc.constantFrom(0, 1)), { minLength: minRows, maxLength: maxRows })
    .filter((rows) => rows.some(([, c]) => c === 0) && rows.some(([, c]) => c === 1))
    .map((rows) => ({ X: rows.map(([x]) => x), y: rows.map(([, c]) => c) }))

/** Blobs around k centres, seeded: a k-class set for softmax regression. */
export function blobs(seed: number, k: number, perClass: number, spread: number): { X: number[][]; y: number[] } {
  const rng = createRng(seed)
  const X: number[][] = []
  const y: number[] = []
  for (let c = 0; c < k; c++) {
    const angle = (2 * Math.PI * c) / k
    for (let i = 0; i < perClass; i++) {
      X.push([3 * Math.cos(angle) + spread * randomNormal(rng), 3 * Math.sin(angle) + spread * randomNormal(rng)])
      y.push(c)
    }
  }
  return { X, y }
}

// ---- plots ----

/** P(class 1) on a resolution × resolution grid over [xmin, xmax, ymin, ymax], rows from ymin up. */
export function probabilityGrid(extent: [number, number, number, number], resolution: number, p: (x: number, y: number) => number): number[] {
  const [x0, x1, y0, y1] = extent
  const at = (lo: number, hi: number, i: number) => lo + ((hi - lo) * (i + 0.5)) / resolution
  const grid: number[] = []
  for (let r = 0; r < resolution; r++) for (let c = 0; c < resolution; c++) grid.push(p(at(x0, x1, c), at(y0, y1, r)))
  return grid
}

/**
 * The accuracy predictRef would get, as an interval: points with |w·x + b| within rounding of 0 may
 * be counted either way (σ(z) rounds to exactly 0.5 for |z| below about 1e-16).
 */
export function accuracyBounds(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): [number, number] {
  let sure = 0
  let unsure = 0
  X.forEach((x, i) => {
    const z = dot(w, x) + b
    const size = Math.abs(b) + x.reduce((s, v, j) => s + Math.abs(v * w[j]!), 0)
    if (Math.abs(z) <= 1e-12 * (1 + size)) unsure++
    else if ((z >= 0 ? 1 : 0) === y[i]) sure++
  })
  return [sure / X.length, (sure + unsure) / X.length]
}

/** The same for the largest logit: a row whose top two logits are within rounding may go either way. */
export function softmaxAccuracyBounds(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): [number, number] {
  let sure = 0
  let unsure = 0
  X.forEach((x, i) => {
    const z = softmaxLogitsRef(W, b, x)
    const size = 1 + Math.max(...W.map((row, c) => Math.abs(b[c]!) + row.reduce((s, v, j) => s + Math.abs(v * x[j]!), 0)))
    const top = argmax(z)
    const tied = z.some((v, c) => c !== top && z[top]! - v <= 1e-12 * size)
    if (tied) unsure++
    else if (top === y[i]) sure++
  })
  return [sure / X.length, (sure + unsure) / X.length]
}

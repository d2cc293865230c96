/**
 * Everything through θ = (w, b) and A = [X | 1]: the gradient (2/n)·Aᵀ(Aθ − y) with array methods, linearGD as gdMultivariate on one column, batches by sorting the indices on random keys, powers by **.
 * @replaces 05-gradient-descent/descent.ts
 */
import type { Rng } from '@course/rng'

export interface Gradient {
  dw: number
  db: number
}
export interface StepOptions {
  learningRate: number
}
export interface Line {
  w: number
  b: number
}
export interface LinearGDOptions extends StepOptions {
  steps: number
  start?: Line
}
export interface TracePoint extends Line {
  loss: number
}
export interface LinearGDResult extends Line {
  trace: TracePoint[]
}
export interface Linear {
  w: number[]
  b: number
}
export interface GDOptions extends StepOptions {
  steps: number
  start?: Linear
}
export interface SGDOptions extends StepOptions {
  epochs: number
  batchSize: number
  rng: Rng
  start?: Linear
}
export interface FitResult extends Linear {
  losses: number[]
}

type Rows = readonly (readonly number[])[]

const bad = (message: string): never => {
  throw new RangeError(message)
}
const finiteOr = (what: string, v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : bad(`${what} is ${String(v)}, not a finite number`))
const wholeAtLeast = (what: string, v: unknown, min: number) => (Number.isInteger(v) && (v as number) >= min ? (v as number) : bad(`${what} is ${String(v)}; expected a whole number ≥ ${min}`))
const rate = (v: unknown) => (typeof v === 'number' && v > 0 && v < Infinity ? v : bad(`learningRate is ${String(v)}; expected a positive finite number`))

function design(X: Rows, y: readonly number[]): number[][] {
  if (X.length !== y.length) bad(`X has ${X.length} rows, y has ${y.length} values`)
  if (X.length === 0) bad('there is no data')
  const d = X[0]!.length
  X.forEach((row, i) => {
    if (row.length !== d) bad(`X[${i}] has ${row.length} features, X[0] has ${d}`)
    row.forEach((v, j) => finiteOr(`X[${i}][${j}]`, v))
  })
  y.forEach((v, i) => finiteOr(`y[${i}]`, v))
  return X.map((row) => [...row, 1])
}

const residuals = (A: number[][], theta: number[], y: readonly number[], rows: readonly number[]) =>
  rows.map((i) => A[i]!.reduce((s, a, j) => s + a * theta[j]!, 0) - y[i]!)

/** (2/|rows|)·A_rowsᵀ·r, one entry per parameter. */
const gradientAt = (A: number[][], theta: number[], y: readonly number[], rows: readonly number[]) => {
  const r = residuals(A, theta, y, rows)
  return theta.map((_, j) => (2 / rows.length) * rows.reduce((s, i, k) => s + A[i]![j]! * r[k]!, 0))
}

const lossAt = (A: number[][], theta: number[], y: readonly number[]) => {
  const all = A.map((_, i) => i)
  return residuals(A, theta, y, all).reduce((s, e) => s + e * e, 0) / A.length
}

function thetaFrom(start: Linear | undefined, d: number): number[] {
  if (!start) return new Array<number>(d + 1).fill(0)
  if (start.w.length !== d) bad(`start.w has ${start.w.length} entries; X has ${d} features`)
  return [...start.w.map((v, j) => finiteOr(`start.w[${j}]`, v)), finiteOr('start.b', start.b)]
}

const split = (theta: number[]): Linear => ({ w: theta.slice(0, -1), b: theta[theta.length - 1]! })

export function mseGradient(w: number, b: number, xs: readonly number[], ys: readonly number[]): Gradient {
  finiteOr('w', w)
  finiteOr('b', b)
  const A = design(xs.map((x) => [x]), ys)
  const [dw, db] = gradientAt(A, [w, b], ys, A.map((_, i) => i))
  return { dw: dw!, db: db! }
}

export function gdMultivariate(X: Rows, y: readonly number[], opts: GDOptions): FitResult {
  const A = design(X, y)
  const eta = rate(opts.learningRate)
  const steps = wholeAtLeast('steps', opts.steps, 0)
  let theta = thetaFrom(opts.start, X[0]!.length)
  const all = A.map((_, i) => i)
  const losses = [lossAt(A, theta, y)]
  for (let k = 0; k < steps; k++) {
    const g = gradientAt(A, theta, y, all)
    theta = theta.map((t, j) => t - eta * g[j]!)
    losses.push(lossAt(A, theta, y))
  }
  return { ...split(theta), losses }
}

export function linearGD(xs: readonly number[], ys: readonly number[], opts: LinearGDOptions): LinearGDResult {
  const X = xs.map((x) => [x])
  const steps = wholeAtLeast('steps', opts.steps, 0)
  const start = opts.start ? { w: [finiteOr('start.w', opts.start.w)], b: finiteOr('start.b', opts.start.b) } : undefined
  const trace: TracePoint[] = []
  let current: Linear = start ?? { w: [0], b: 0 }
  const first = gdMultivariate(X, ys, { learningRate: opts.learningRate, steps: 0, start: current })
  trace.push({ w: current.w[0]!, b: current.b, loss: first.losses[0]! })
  for (let k = 0; k < steps; k++) {
    const next = gdMultivariate(X, ys, { learningRate: opts.learningRate, steps: 1, start: current })
    current = { w: next.w, b: next.b }
    trace.push({ w: next.w[0]!, b: next.b, loss: next.losses[1]! })
  }
  return { w: current.w[0]!, b: current.b, trace }
}

export function polyFeatures(x: readonly number[], degree: number): number[][] {
  wholeAtLeast('degree', degree, 1)
  return x.map((v, i) => {
    finiteOr(`x[${i}]`, v)
    return Array.from({ length: degree }, (_, j) => v ** (j + 1))
  })
}

export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  wholeAtLeast('n', n, 0)
  wholeAtLeast('batchSize', batchSize, 1)
  const keyed = Array.from({ length: n }, (_, i) => ({ i, key: rng() }))
  const order = keyed.sort((p, q) => p.key - q.key || p.i - q.i).map(({ i }) => i)
  return Array.from({ length: Math.ceil(n / batchSize) }, (_, k) => order.slice(k * batchSize, (k + 1) * batchSize))
}

export function sgd(X: Rows, y: readonly number[], opts: SGDOptions): FitResult {
  const A = design(X, y)
  const eta = rate(opts.learningRate)
  const epochs = wholeAtLeast('epochs', opts.epochs, 0)
  const size = wholeAtLeast('batchSize', opts.batchSize, 1)
  if (typeof opts.rng !== 'function') throw new TypeError('opts.rng must be the course rng, a function () => number')
  let theta = thetaFrom(opts.start, X[0]!.length)
  const losses = [lossAt(A, theta, y)]
  for (let e = 0; e < epochs; e++) {
    for (const rows of batches(A.length, size, opts.rng)) {
      const g = gradientAt(A, theta, y, rows)
      theta = theta.map((t, j) => t - eta * g[j]!)
    }
    losses.push(lossAt(A, theta, y))
  }
  return { ...split(theta), losses }
}

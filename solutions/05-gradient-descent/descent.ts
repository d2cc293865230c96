// Answer key for 05-gradient-descent.
import { shuffled, type Rng } from '@course/rng'

/** ∂L/∂w and ∂L/∂b of the mean squared error L(w, b) = (1/n)·Σ(w·xᵢ + b − yᵢ)². */
export interface Gradient {
  dw: number
  db: number
}

/** Settings every gradient descent here shares. */
export interface StepOptions {
  /** η, the learning rate (學習率): each update moves by −η·∇L. Positive and finite. */
  learningRate: number
}

/** A linear function f_{w,b}(x) = w·x + b. */
export interface Line {
  w: number
  b: number
}

export interface LinearGDOptions extends StepOptions {
  /** How many updates (iterations) to make; a whole number ≥ 0. */
  steps: number
  /** Where to begin; (0, 0) when left out. The lecture starts at (−4, 4). */
  start?: Line
}

/** Where gradient descent stood after some updates, and the loss there. */
export interface TracePoint extends Line {
  loss: number
}

export interface LinearGDResult extends Line {
  /** trace[k] is the state after k updates: trace[0] is the start, trace[steps] the result. */
  trace: TracePoint[]
}

/** A linear function of d features, f(x) = w·x + b (w has d entries). */
export interface Linear {
  w: number[]
  b: number
}

export interface GDOptions extends StepOptions {
  /** How many updates to make; a whole number ≥ 0. */
  steps: number
  /** Where to begin; all zeros when left out (as in the slides' 10-D and polynomial examples). */
  start?: Linear
}

export interface SGDOptions extends StepOptions {
  /** How many passes over the whole data (one pass = one epoch); a whole number ≥ 0. */
  epochs: number
  /** Examples per update (the last batch of an epoch may be smaller); a whole number ≥ 1. */
  batchSize: number
  /** The only source of randomness: it shuffles the data at the start of every epoch. */
  rng: Rng
  /** Where to begin; all zeros when left out. */
  start?: Linear
}

export interface FitResult extends Linear {
  /**
   * The loss on the whole data set: losses[0] at the start, then after every step (gdMultivariate)
   * or after every epoch (sgd).
   */
  losses: number[]
}

// ---- checks on the input -------------------------------------------------------------------

function requireFinite(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}`)
}

function requireCount(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${String(value)}`)
}

function requireRate(value: unknown): void {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new RangeError(`learningRate must be a positive finite number, got ${String(value)}`)
}

function requireData1(xs: readonly number[], ys: readonly number[]): void {
  if (!Array.isArray(xs) || !Array.isArray(ys)) throw new TypeError('xs and ys must be arrays of numbers')
  if (xs.length !== ys.length) throw new RangeError(`xs and ys must have the same length, got ${xs.length} and ${ys.length}`)
  if (xs.length === 0) throw new RangeError('the data is empty')
  xs.forEach((x, i) => requireFinite(`xs[${i}]`, x))
  ys.forEach((y, i) => requireFinite(`ys[${i}]`, y))
}

/** Checks X (n rows of d features) against y and returns d. */
function requireData(X: readonly (readonly number[])[], y: readonly number[]): number {
  if (!Array.isArray(X) || !Array.isArray(y)) throw new TypeError('X must be an array of rows and y an array of numbers')
  if (X.length !== y.length) throw new RangeError(`X has ${X.length} rows but y has ${y.length} values`)
  if (X.length === 0) throw new RangeError('the data is empty')
  const d = Array.isArray(X[0]) ? X[0].length : -1
  X.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d) throw new RangeError(`every row of X must have ${d} features; row ${i} does not`)
    row.forEach((v, j) => requireFinite(`X[${i}][${j}]`, v))
  })
  y.forEach((v, i) => requireFinite(`y[${i}]`, v))
  return d
}

function startOf(start: Linear | undefined, d: number): Linear {
  if (start === undefined) return { w: new Array<number>(d).fill(0), b: 0 }
  if (!Array.isArray(start.w) || start.w.length !== d) throw new RangeError(`start.w must have ${d} entries, one per feature`)
  start.w.forEach((v, j) => requireFinite(`start.w[${j}]`, v))
  requireFinite('start.b', start.b)
  return { w: start.w.slice(), b: start.b }
}

// ---- one feature ---------------------------------------------------------------------------

function mse1(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  let total = 0
  for (let i = 0; i < xs.length; i++) total += (w * xs[i]! + b - ys[i]!) ** 2
  return total / xs.length
}

function gradient1(w: number, b: number, xs: readonly number[], ys: readonly number[]): Gradient {
  let dw = 0
  let db = 0
  for (let i = 0; i < xs.length; i++) {
    const r = w * xs[i]! + b - ys[i]!
    dw += r * xs[i]!
    db += r
  }
  const n = xs.length
  return { dw: (2 / n) * dw, db: (2 / n) * db }
}

/** ∂L/∂w = (2/n)·Σ(w·xᵢ + b − yᵢ)·xᵢ and ∂L/∂b = (2/n)·Σ(w·xᵢ + b − yᵢ). */
export function mseGradient(w: number, b: number, xs: readonly number[], ys: readonly number[]): Gradient {
  requireFinite('w', w)
  requireFinite('b', b)
  requireData1(xs, ys)
  return gradient1(w, b, xs, ys)
}

/** Gradient descent on the MSE of a line: both parameters updated from the same (old) gradient. */
export function linearGD(xs: readonly number[], ys: readonly number[], opts: LinearGDOptions): LinearGDResult {
  requireData1(xs, ys)
  requireRate(opts?.learningRate)
  requireCount('steps', opts.steps, 0)
  let w = 0
  let b = 0
  if (opts.start !== undefined) {
    requireFinite('start.w', opts.start.w)
    requireFinite('start.b', opts.start.b)
    ;({ w, b } = opts.start)
  }
  const eta = opts.learningRate
  const trace: TracePoint[] = [{ w, b, loss: mse1(w, b, xs, ys) }]
  for (let step = 0; step < opts.steps; step++) {
    const g = gradient1(w, b, xs, ys)
    w -= eta * g.dw
    b -= eta * g.db
    trace.push({ w, b, loss: mse1(w, b, xs, ys) })
  }
  return { w, b, trace }
}

// ---- d features ----------------------------------------------------------------------------

function predict(p: Linear, row: readonly number[]): number {
  let s = p.b
  for (let j = 0; j < row.length; j++) s += p.w[j]! * row[j]!
  return s
}

function mseOf(p: Linear, X: readonly (readonly number[])[], y: readonly number[]): number {
  let total = 0
  for (let i = 0; i < X.length; i++) total += (predict(p, X[i]!) - y[i]!) ** 2
  return total / X.length
}

/** One update from the examples `rows` (all of them for GD, a batch for SGD), every parameter at once. */
function update(p: Linear, X: readonly (readonly number[])[], y: readonly number[], rows: readonly number[], eta: number): Linear {
  const gw = new Array<number>(p.w.length).fill(0)
  let gb = 0
  for (const i of rows) {
    const r = predict(p, X[i]!) - y[i]!
    for (let j = 0; j < gw.length; j++) gw[j]! += r * X[i]![j]!
    gb += r
  }
  // The mean over the examples used: divide by the batch's own size, not by n.
  const scale = (2 / rows.length) * eta
  return { w: p.w.map((wj, j) => wj - scale * gw[j]!), b: p.b - scale * gb }
}

/** Full-batch gradient descent for f(x) = w·x + b with d features (the slides' 10-D example). */
export function gdMultivariate(X: readonly (readonly number[])[], y: readonly number[], opts: GDOptions): FitResult {
  const d = requireData(X, y)
  requireRate(opts?.learningRate)
  requireCount('steps', opts.steps, 0)
  let p = startOf(opts.start, d)
  const all = X.map((_, i) => i)
  const losses = [mseOf(p, X, y)]
  for (let step = 0; step < opts.steps; step++) {
    p = update(p, X, y, all, opts.learningRate)
    losses.push(mseOf(p, X, y))
  }
  return { ...p, losses }
}

/** Row i is [xᵢ, xᵢ², …, xᵢ^degree]: polynomial regression is linear regression on these (b is the x⁰ term). */
export function polyFeatures(x: readonly number[], degree: number): number[][] {
  if (!Array.isArray(x)) throw new TypeError('x must be an array of numbers')
  requireCount('degree', degree, 1)
  x.forEach((v, i) => requireFinite(`x[${i}]`, v))
  return x.map((v) => {
    const row: number[] = []
    let power = 1
    for (let j = 1; j <= degree; j++) row.push((power *= v))
    return row
  })
}

/** One epoch: the indices 0…n−1 shuffled with `rng`, cut into batches of batchSize (the last may be short). */
export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  requireCount('n', n, 0)
  requireCount('batchSize', batchSize, 1)
  if (typeof rng !== 'function') throw new TypeError('rng must be a function () => number')
  const order = shuffled(Array.from({ length: n }, (_, i) => i), rng)
  const out: number[][] = []
  for (let start = 0; start < n; start += batchSize) out.push(order.slice(start, start + batchSize))
  return out
}

/** Mini-batch SGD: each update uses one batch for every parameter's gradient, all updated at once. */
export function sgd(X: readonly (readonly number[])[], y: readonly number[], opts: SGDOptions): FitResult {
  const d = requireData(X, y)
  requireRate(opts?.learningRate)
  requireCount('epochs', opts.epochs, 0)
  requireCount('batchSize', opts.batchSize, 1)
  if (typeof opts.rng !== 'function') throw new TypeError('opts.rng must be a function () => number')
  let p = startOf(opts.start, d)
  const losses = [mseOf(p, X, y)]
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const batch of batches(X.length, opts.batchSize, opts.rng)) p = update(p, X, y, batch, opts.learningRate)
    losses.push(mseOf(p, X, y))
  }
  return { ...p, losses }
}

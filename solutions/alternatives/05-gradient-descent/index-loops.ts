/**
 * Index loops throughout, a forward Fisher–Yates shuffle of its own (i from 0 up), batches cut inside sgd as they are needed, and linearGD keeping the old (w, b) in `last` as the lecture does.
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

function mustBeFinite(value: number, label: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${label} must be finite (got ${value})`)
}
function mustBeWhole(value: number, label: string, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${label} must be an integer ≥ ${min} (got ${value})`)
}
function mustBeRate(value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`learningRate must be > 0 and finite (got ${value})`)
}
function checkPairs(xs: readonly number[], ys: readonly number[]): void {
  if (xs.length !== ys.length) throw new RangeError(`xs has ${xs.length} values but ys has ${ys.length}`)
  if (xs.length === 0) throw new RangeError('xs and ys are empty')
  for (let i = 0; i < xs.length; i++) {
    mustBeFinite(xs[i]!, `xs[${i}]`)
    mustBeFinite(ys[i]!, `ys[${i}]`)
  }
}
function checkTable(X: readonly (readonly number[])[], y: readonly number[]): number {
  if (X.length !== y.length) throw new RangeError(`X has ${X.length} rows but y has ${y.length} values`)
  if (X.length === 0) throw new RangeError('X and y are empty')
  const d = X[0]!.length
  for (let i = 0; i < X.length; i++) {
    if (X[i]!.length !== d) throw new RangeError(`row ${i} of X has ${X[i]!.length} features instead of ${d}`)
    for (let j = 0; j < d; j++) mustBeFinite(X[i]![j]!, `X[${i}][${j}]`)
    mustBeFinite(y[i]!, `y[${i}]`)
  }
  return d
}

function lineLoss(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  let s = 0
  for (let i = 0; i < xs.length; i++) {
    const e = w * xs[i]! + b - ys[i]!
    s += e * e
  }
  return s / xs.length
}

export function mseGradient(w: number, b: number, xs: readonly number[], ys: readonly number[]): Gradient {
  mustBeFinite(w, 'w')
  mustBeFinite(b, 'b')
  checkPairs(xs, ys)
  let sw = 0
  let sb = 0
  for (let i = 0; i < xs.length; i++) {
    const e = w * xs[i]! + b - ys[i]!
    sw += 2 * e * xs[i]!
    sb += 2 * e
  }
  return { dw: sw / xs.length, db: sb / xs.length }
}

export function linearGD(xs: readonly number[], ys: readonly number[], opts: LinearGDOptions): LinearGDResult {
  checkPairs(xs, ys)
  mustBeRate(opts.learningRate)
  mustBeWhole(opts.steps, 'steps', 0)
  let w = opts.start ? opts.start.w : 0
  let b = opts.start ? opts.start.b : 0
  mustBeFinite(w, 'start.w')
  mustBeFinite(b, 'start.b')
  const trace: TracePoint[] = [{ w, b, loss: lineLoss(w, b, xs, ys) }]
  for (let k = 0; k < opts.steps; k++) {
    const last = { w, b }
    w = last.w - opts.learningRate * mseGradient(last.w, last.b, xs, ys).dw
    b = last.b - opts.learningRate * mseGradient(last.w, last.b, xs, ys).db
    trace.push({ w, b, loss: lineLoss(w, b, xs, ys) })
  }
  return { w, b, trace }
}

function tableLoss(w: readonly number[], b: number, X: readonly (readonly number[])[], y: readonly number[]): number {
  let s = 0
  for (let i = 0; i < X.length; i++) {
    let e = b - y[i]!
    for (let j = 0; j < w.length; j++) e += w[j]! * X[i]![j]!
    s += e * e
  }
  return s / X.length
}

/** Moves (w, b) against the mean gradient over X[rows[from…to−1]]; returns the new parameters. */
function step(w: readonly number[], b: number, X: readonly (readonly number[])[], y: readonly number[], rows: readonly number[], from: number, to: number, eta: number): [number[], number] {
  const gw = new Array<number>(w.length).fill(0)
  let gb = 0
  for (let k = from; k < to; k++) {
    const i = rows[k]!
    let e = b - y[i]!
    for (let j = 0; j < w.length; j++) e += w[j]! * X[i]![j]!
    for (let j = 0; j < w.length; j++) gw[j] = gw[j]! + e * X[i]![j]!
    gb += e
  }
  const m = to - from
  const nw = new Array<number>(w.length)
  for (let j = 0; j < w.length; j++) nw[j] = w[j]! - eta * ((2 * gw[j]!) / m)
  return [nw, b - eta * ((2 * gb) / m)]
}

function initial(start: Linear | undefined, d: number): [number[], number] {
  if (!start) return [new Array<number>(d).fill(0), 0]
  if (start.w.length !== d) throw new RangeError(`start.w has ${start.w.length} entries but there are ${d} features`)
  for (let j = 0; j < d; j++) mustBeFinite(start.w[j]!, `start.w[${j}]`)
  mustBeFinite(start.b, 'start.b')
  return [[...start.w], start.b]
}

export function gdMultivariate(X: readonly (readonly number[])[], y: readonly number[], opts: GDOptions): FitResult {
  const d = checkTable(X, y)
  mustBeRate(opts.learningRate)
  mustBeWhole(opts.steps, 'steps', 0)
  let [w, b] = initial(opts.start, d)
  const rows: number[] = []
  for (let i = 0; i < X.length; i++) rows.push(i)
  const losses = [tableLoss(w, b, X, y)]
  for (let k = 0; k < opts.steps; k++) {
    ;[w, b] = step(w, b, X, y, rows, 0, rows.length, opts.learningRate)
    losses.push(tableLoss(w, b, X, y))
  }
  return { w, b, losses }
}

export function polyFeatures(x: readonly number[], degree: number): number[][] {
  mustBeWhole(degree, 'degree', 1)
  const out: number[][] = []
  for (let i = 0; i < x.length; i++) {
    mustBeFinite(x[i]!, `x[${i}]`)
    const row: number[] = [x[i]!]
    for (let j = 1; j < degree; j++) row.push(row[j - 1]! * x[i]!)
    out.push(row)
  }
  return out
}

/** Forward Fisher–Yates: position i takes a random element from positions i…n−1. */
function shuffleIndices(n: number, rng: Rng): number[] {
  const order: number[] = []
  for (let i = 0; i < n; i++) order.push(i)
  for (let i = 0; i < n - 1; i++) {
    const j = i + Math.floor(rng() * (n - i))
    const t = order[i]!
    order[i] = order[j]!
    order[j] = t
  }
  return order
}

export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  mustBeWhole(n, 'n', 0)
  mustBeWhole(batchSize, 'batchSize', 1)
  const order = shuffleIndices(n, rng)
  const out: number[][] = []
  for (let from = 0; from < n; from += batchSize) {
    const batch: number[] = []
    for (let k = from; k < Math.min(n, from + batchSize); k++) batch.push(order[k]!)
    out.push(batch)
  }
  return out
}

export function sgd(X: readonly (readonly number[])[], y: readonly number[], opts: SGDOptions): FitResult {
  const d = checkTable(X, y)
  mustBeRate(opts.learningRate)
  mustBeWhole(opts.epochs, 'epochs', 0)
  mustBeWhole(opts.batchSize, 'batchSize', 1)
  if (typeof opts.rng !== 'function') throw new TypeError('opts.rng must be a function returning numbers in [0, 1)')
  let [w, b] = initial(opts.start, d)
  const losses = [tableLoss(w, b, X, y)]
  for (let e = 0; e < opts.epochs; e++) {
    const order = shuffleIndices(X.length, opts.rng)
    for (let from = 0; from < order.length; from += opts.batchSize) {
      ;[w, b] = step(w, b, X, y, order, from, Math.min(order.length, from + opts.batchSize), opts.learningRate)
    }
    losses.push(tableLoss(w, b, X, y))
  }
  return { w, b, losses }
}

// Topic 05: gradient descent (梯度下降), SGD and mini-batches. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 05` checks your work.
import type { Rng } from '@course/rng'

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

/**
 * The gradient of the mean squared error L(w, b) = (1/n)·Σ(w·xᵢ + b − yᵢ)²:
 * ∂L/∂w = (2/n)·Σ(w·xᵢ + b − yᵢ)·xᵢ and ∂L/∂b = (2/n)·Σ(w·xᵢ + b − yᵢ).
 * Throws a RangeError if xs and ys differ in length, are empty, or hold a non-finite number.
 */
export function mseGradient(w: number, b: number, xs: number[], ys: number[]): Gradient {
  throw new Error('not implemented: mseGradient(w, b, xs, ys)')
}

/**
 * Gradient descent on the MSE of a line: `steps` times, compute both partial derivatives at the
 * current (w, b), then update both: w ← w − η·∂L/∂w, b ← b − η·∂L/∂b.
 * Throws a RangeError on bad data or options (see "Bad input" in the lesson).
 */
export function linearGD(xs: number[], ys: number[], opts: LinearGDOptions): LinearGDResult {
  throw new Error('not implemented: linearGD(xs, ys, opts)')
}

/**
 * The same for d features: X has n rows of d numbers, f(x) = w·x + b, and every update computes
 * all d + 1 partial derivatives at the current parameters before changing any of them.
 * Throws a RangeError on bad data or options (see "Bad input" in the lesson).
 */
export function gdMultivariate(X: number[][], y: number[], opts: GDOptions): FitResult {
  throw new Error('not implemented: gdMultivariate(X, y, opts)')
}

/** Row i is [xᵢ, xᵢ², …, xᵢ^degree] (no x⁰ column: the bias b plays that part). degree is a whole number ≥ 1. */
export function polyFeatures(x: number[], degree: number): number[][] {
  throw new Error('not implemented: polyFeatures(x, degree)')
}

/**
 * One epoch's batches: the indices 0, 1, …, n−1 in an order shuffled with `rng`, cut into
 * consecutive batches of batchSize (the last one may be shorter). Every index appears exactly once.
 * Throws a RangeError unless n is a whole number ≥ 0 and batchSize a whole number ≥ 1.
 */
export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  throw new Error('not implemented: batches(n, batchSize, rng)')
}

/**
 * Mini-batch stochastic gradient descent: every epoch, take the batches of `batches(n, batchSize, rng)`
 * in order; for each batch compute every partial derivative from that same batch (a mean over the
 * batch) at the current parameters, then update all parameters at once.
 * Throws a RangeError on bad data or options (see "Bad input" in the lesson).
 */
export function sgd(X: number[][], y: number[], opts: SGDOptions): FitResult {
  throw new Error('not implemented: sgd(X, y, opts)')
}

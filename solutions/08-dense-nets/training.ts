// Answer key for 08-dense-nets: optimizers (優化器), dropout, L2 regularization (常規化),
// early stopping and the validation split.
import type { Rng } from '@course/rng'

export type Vector = number[]
export type Matrix = number[][]

/** What one step of an optimizer with memory returns: the new parameters and what to remember. */
export interface OptimizerStep<S> {
  params: Vector
  state: S
}

export interface SgdOptions {
  learningRate: number
}
export interface MomentumOptions {
  learningRate: number
  /** How much of the previous velocity is kept, e.g. 0.9. */
  momentum: number
}
export interface MomentumState {
  /** The running sum of gradients, velocity ← momentum·velocity + g. */
  velocity: Vector
}
export interface AdagradOptions {
  learningRate: number
  /** The accumulator's starting value (TensorFlow's default is 0.1). */
  initialAccumulatorValue: number
}
export interface AdagradState {
  /** Sum of the squared gradients so far (plus the initial value). */
  accumulator: Vector
}
export interface RmspropOptions {
  learningRate: number
  /** ρ: how much of the old mean square is kept, e.g. 0.9. */
  decay: number
  epsilon: number
}
export interface RmspropState {
  /** Moving average of the squared gradients. */
  meanSquare: Vector
}
export interface AdamOptions {
  learningRate: number
  beta1: number
  beta2: number
  epsilon: number
}
export interface AdamState {
  /** Moving average of the gradients (first moment). */
  m: Vector
  /** Moving average of the squared gradients (second moment). */
  v: Vector
  /** Steps taken so far. */
  t: number
}

export interface Split<Y> {
  x: Matrix
  y: Y[]
}

export interface EarlyStop {
  /** The epoch (0-based) after which training stops, or null if it runs through every epoch given. */
  stopEpoch: number | null
  /** The epoch whose validation loss was the last real improvement: the weights worth keeping. */
  bestEpoch: number
}

// ---- checks ----

function requireFiniteVector(name: string, v: Vector): void {
  if (!Array.isArray(v) || v.length === 0) throw new RangeError(`${name} must be a non-empty array of numbers`)
  for (const x of v) if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`${name} holds ${x}, not a finite number`)
}

function requireStep(params: Vector, grad: Vector, learningRate: number): void {
  requireFiniteVector('params', params)
  requireFiniteVector('grad', grad)
  if (params.length !== grad.length) throw new RangeError(`params has ${params.length} entries but grad has ${grad.length}`)
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`learningRate must be a positive number, got ${learningRate}`)
}

function requireRate(name: string, value: number): void {
  if (!(value >= 0 && value < 1)) throw new RangeError(`${name} must be in [0, 1), got ${value}`)
}

function requireState(name: string, v: Vector | undefined, length: number): void {
  if (!Array.isArray(v) || v.length !== length) throw new RangeError(`the ${name} state does not fit ${length} parameters`)
}

// ---- optimizers ----

/** p ← p − η·g */
export function sgdStep(params: Vector, grad: Vector, options: SgdOptions): Vector {
  requireStep(params, grad, options.learningRate)
  return params.map((p, i) => p - options.learningRate * grad[i]!)
}

/** v ← μ·v + g, p ← p − η·v (TensorFlow's form; with a fixed η the same as v ← μ·v − η·g, p ← p + v). */
export function momentumStep(params: Vector, grad: Vector, state: MomentumState | undefined, options: MomentumOptions): OptimizerStep<MomentumState> {
  requireStep(params, grad, options.learningRate)
  requireRate('momentum', options.momentum)
  const previous = state?.velocity ?? new Array<number>(params.length).fill(0)
  requireState('momentum', previous, params.length)
  const velocity = previous.map((v, i) => options.momentum * v + grad[i]!)
  return { params: params.map((p, i) => p - options.learningRate * velocity[i]!), state: { velocity } }
}

/** TensorFlow.js adds ε = 1e-7 inside the root; Keras adds it outside. Both are fine here. */
const ADAGRAD_EPSILON = 1e-7

/** G ← G + g², p ← p − η·g/√(G + ε) */
export function adagradStep(params: Vector, grad: Vector, state: AdagradState | undefined, options: AdagradOptions): OptimizerStep<AdagradState> {
  requireStep(params, grad, options.learningRate)
  if (!(options.initialAccumulatorValue >= 0) || !Number.isFinite(options.initialAccumulatorValue)) {
    throw new RangeError(`initialAccumulatorValue must be a non-negative number, got ${options.initialAccumulatorValue}`)
  }
  const previous = state?.accumulator ?? new Array<number>(params.length).fill(options.initialAccumulatorValue)
  requireState('adagrad', previous, params.length)
  const accumulator = previous.map((G, i) => G + grad[i]! * grad[i]!)
  return {
    params: params.map((p, i) => p - (options.learningRate * grad[i]!) / Math.sqrt(accumulator[i]! + ADAGRAD_EPSILON)),
    state: { accumulator },
  }
}

/** s ← ρ·s + (1 − ρ)·g², p ← p − η·g/√(s + ε) (TensorFlow.js's placement of ε). */
export function rmspropStep(params: Vector, grad: Vector, state: RmspropState | undefined, options: RmspropOptions): OptimizerStep<RmspropState> {
  requireStep(params, grad, options.learningRate)
  requireRate('decay', options.decay)
  if (!(options.epsilon >= 0)) throw new RangeError(`epsilon must be a non-negative number, got ${options.epsilon}`)
  const previous = state?.meanSquare ?? new Array<number>(params.length).fill(0)
  requireState('rmsprop', previous, params.length)
  const meanSquare = previous.map((s, i) => options.decay * s + (1 - options.decay) * grad[i]! * grad[i]!)
  return {
    params: params.map((p, i) => p - (options.learningRate * grad[i]!) / Math.sqrt(meanSquare[i]! + options.epsilon)),
    state: { meanSquare },
  }
}

/**
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
 * p ← p − η·m̂/(√v̂ + ε). Without the bias correction the first steps would be far too large or
 * small, because m and v start at 0.
 */
export function adamStep(params: Vector, grad: Vector, state: AdamState | undefined, options: AdamOptions): OptimizerStep<AdamState> {
  requireStep(params, grad, options.learningRate)
  requireRate('beta1', options.beta1)
  requireRate('beta2', options.beta2)
  if (!(options.epsilon >= 0)) throw new RangeError(`epsilon must be a non-negative number, got ${options.epsilon}`)
  const zeros = () => new Array<number>(params.length).fill(0)
  const before = state ?? { m: zeros(), v: zeros(), t: 0 }
  requireState('adam m', before.m, params.length)
  requireState('adam v', before.v, params.length)
  const t = before.t + 1
  const { beta1, beta2 } = options
  const m = before.m.map((mi, i) => beta1 * mi + (1 - beta1) * grad[i]!)
  const v = before.v.map((vi, i) => beta2 * vi + (1 - beta2) * grad[i]! * grad[i]!)
  const mCorrection = 1 - beta1 ** t
  const vCorrection = 1 - beta2 ** t
  return {
    params: params.map((p, i) => p - (options.learningRate * (m[i]! / mCorrection)) / (Math.sqrt(v[i]! / vCorrection) + options.epsilon)),
    state: { m, v, t },
  }
}

// ---- dropout ----

/**
 * Inverted dropout: while training, each entry is dropped (set to 0) with probability `rate` and
 * the rest are divided by 1 − rate, so the expected value of every entry is unchanged. When not
 * training, x passes through unchanged.
 */
export function dropout(x: Matrix, rate: number, rng: Rng, training: boolean): Matrix {
  if (!Array.isArray(x)) throw new TypeError('x must be a matrix (an array of rows)')
  requireRate('rate', rate)
  if (!training || rate === 0) return x.map((row) => row.slice())
  const scale = 1 / (1 - rate)
  return x.map((row) => row.map((v) => (rng() < rate ? 0 : v * scale)))
}

// ---- L2 regularization ----

function requireWeights(weights: Matrix[], lambda: number): void {
  if (!Array.isArray(weights)) throw new TypeError('weights must be an array of matrices')
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`lambda must be a non-negative number, got ${lambda}`)
  for (const W of weights) {
    if (!Array.isArray(W)) throw new TypeError('weights must be an array of matrices')
    for (const row of W) {
      if (!Array.isArray(row)) throw new TypeError('each weight matrix must be an array of rows')
      for (const w of row) if (typeof w !== 'number' || !Number.isFinite(w)) throw new RangeError(`a weight is ${w}, not a finite number`)
    }
  }
}

/** λ·Σ w² over every weight of every matrix (Keras's regularizers.l2(λ)). */
export function l2Penalty(weights: Matrix[], lambda: number): number {
  requireWeights(weights, lambda)
  let sum = 0
  for (const W of weights) for (const row of W) for (const w of row) sum += w * w
  return lambda * sum
}

/** ∂(λ·Σ w²)/∂w = 2λw, shaped like the weights. */
export function l2Gradient(weights: Matrix[], lambda: number): Matrix[] {
  requireWeights(weights, lambda)
  return weights.map((W) => W.map((row) => row.map((w) => 2 * lambda * w)))
}

// ---- early stopping ----

/**
 * Keras's EarlyStopping on the validation losses of successive epochs: an epoch improves when its
 * loss is below the best so far by more than minDelta; training stops after `patience` epochs in
 * a row without improvement.
 */
export function earlyStopping(valLosses: number[], patience: number, minDelta: number): EarlyStop {
  if (!Array.isArray(valLosses) || valLosses.length === 0) throw new RangeError('valLosses must hold at least one epoch')
  for (const l of valLosses) if (typeof l !== 'number' || !Number.isFinite(l)) throw new RangeError(`a validation loss is ${l}, not a finite number`)
  if (!Number.isInteger(patience) || patience < 0) throw new RangeError(`patience must be a non-negative integer, got ${patience}`)
  if (!(minDelta >= 0) || !Number.isFinite(minDelta)) throw new RangeError(`minDelta must be a non-negative number, got ${minDelta}`)
  let best = Infinity
  let bestEpoch = 0
  let wait = 0
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    const loss = valLosses[epoch]!
    if (loss < best - minDelta) {
      best = loss
      bestEpoch = epoch
      wait = 0
    } else if (++wait >= patience) {
      return { stopEpoch: epoch, bestEpoch }
    }
  }
  return { stopEpoch: null, bestEpoch }
}

// ---- validation split ----

/**
 * Shuffles the examples with rng (x[i] and y[i] stay together) and keeps round(n·fraction) of
 * them for validation. (Keras's validation_split takes the last samples without shuffling.)
 */
export function validationSplit<Y>(x: Matrix, y: Y[], fraction: number, rng: Rng): { train: Split<Y>; validation: Split<Y> } {
  if (!Array.isArray(x) || !Array.isArray(y)) throw new TypeError('x and y must be arrays')
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} examples but y has ${y.length}`)
  if (x.length < 2) throw new RangeError('a split needs at least two examples')
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction must be between 0 and 1, got ${fraction}`)
  const order = Array.from({ length: x.length }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const nValidation = Math.min(x.length - 1, Math.max(1, Math.round(x.length * fraction)))
  const pick = (indices: number[]): Split<Y> => ({ x: indices.map((i) => x[i]!.slice()), y: indices.map((i) => structuredClone(y[i]!)) })
  return { train: pick(order.slice(nValidation)), validation: pick(order.slice(0, nValidation)) }
}

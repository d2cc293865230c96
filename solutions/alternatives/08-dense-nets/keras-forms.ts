/**
 * Keras's forms: classic momentum (v ← μv − ηg, p ← p + v), ε outside the root in Adagrad and RMSprop and Keras's ε̂ = ε·√(1 − β₂ᵗ) in Adam with the correction folded into η; dropout from a mask drawn first; early stopping counting the epochs since the best one; a split by sorting random keys, flooring n·fraction (Keras's count).
 * @replaces 08-dense-nets/training.ts
 */
import type { Rng } from '@course/rng'

export type Vector = number[]
export type Matrix = number[][]
export interface OptimizerStep<S> {
  params: Vector
  state: S
}
export interface SgdOptions {
  learningRate: number
}
export interface MomentumOptions {
  learningRate: number
  momentum: number
}
/** Here the velocity is the step itself: v ← μ·v − η·g. */
export interface MomentumState {
  velocity: Vector
}
export interface AdagradOptions {
  learningRate: number
  initialAccumulatorValue: number
}
export interface AdagradState {
  accumulator: Vector
}
export interface RmspropOptions {
  learningRate: number
  decay: number
  epsilon: number
}
export interface RmspropState {
  meanSquare: Vector
}
export interface AdamOptions {
  learningRate: number
  beta1: number
  beta2: number
  epsilon: number
}
export interface AdamState {
  m: Vector
  v: Vector
  t: number
}
export interface Split<Y> {
  x: Matrix
  y: Y[]
}
export interface EarlyStop {
  stopEpoch: number | null
  bestEpoch: number
}

const KERAS_EPSILON = 1e-7

function checkStep(params: Vector, grad: Vector, learningRate: number): number {
  if (!Array.isArray(params) || !Array.isArray(grad)) throw new RangeError('params and grad must be arrays of numbers')
  const n = params.length
  if (n === 0 || grad.length !== n) throw new RangeError(`params (${n}) and grad (${grad.length}) must be non-empty and of the same length`)
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(params[i])) throw new RangeError(`params[${i}] = ${params[i]} is not finite`)
    if (!Number.isFinite(grad[i])) throw new RangeError(`grad[${i}] = ${grad[i]} is not finite`)
  }
  if (!(Number.isFinite(learningRate) && learningRate > 0)) throw new RangeError(`learningRate ${learningRate} is not a positive number`)
  return n
}

function checkFraction(name: string, value: number): void {
  if (!(value >= 0 && value < 1)) throw new RangeError(`${name} = ${value} is outside [0, 1)`)
}

function remembered(name: string, saved: Vector | undefined, n: number, initial: number): Vector {
  if (saved === undefined) return new Array<number>(n).fill(initial)
  if (!Array.isArray(saved) || saved.length !== n) throw new RangeError(`the saved ${name} has the wrong length for ${n} parameters`)
  return saved
}

export function sgdStep(params: Vector, grad: Vector, options: SgdOptions): Vector {
  const n = checkStep(params, grad, options.learningRate)
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(params[i]! - options.learningRate * grad[i]!)
  return out
}

export function momentumStep(params: Vector, grad: Vector, state: MomentumState | undefined, options: MomentumOptions): OptimizerStep<MomentumState> {
  const n = checkStep(params, grad, options.learningRate)
  checkFraction('momentum', options.momentum)
  const old = remembered('velocity', state?.velocity, n, 0)
  const velocity: number[] = []
  const next: number[] = []
  for (let i = 0; i < n; i++) {
    velocity.push(options.momentum * old[i]! - options.learningRate * grad[i]!)
    next.push(params[i]! + velocity[i]!)
  }
  return { params: next, state: { velocity } }
}

export function adagradStep(params: Vector, grad: Vector, state: AdagradState | undefined, options: AdagradOptions): OptimizerStep<AdagradState> {
  const n = checkStep(params, grad, options.learningRate)
  if (!(Number.isFinite(options.initialAccumulatorValue) && options.initialAccumulatorValue >= 0)) throw new RangeError(`initialAccumulatorValue ${options.initialAccumulatorValue} must be ≥ 0`)
  const old = remembered('accumulator', state?.accumulator, n, options.initialAccumulatorValue)
  const accumulator: number[] = []
  const next: number[] = []
  for (let i = 0; i < n; i++) {
    accumulator.push(old[i]! + grad[i]! ** 2)
    next.push(params[i]! - (options.learningRate * grad[i]!) / (Math.sqrt(accumulator[i]!) + KERAS_EPSILON))
  }
  return { params: next, state: { accumulator } }
}

export function rmspropStep(params: Vector, grad: Vector, state: RmspropState | undefined, options: RmspropOptions): OptimizerStep<RmspropState> {
  const n = checkStep(params, grad, options.learningRate)
  checkFraction('decay', options.decay)
  if (!(options.epsilon >= 0)) throw new RangeError(`epsilon ${options.epsilon} must be ≥ 0`)
  const old = remembered('mean square', state?.meanSquare, n, 0)
  const meanSquare: number[] = []
  const next: number[] = []
  for (let i = 0; i < n; i++) {
    meanSquare.push(old[i]! + (1 - options.decay) * (grad[i]! ** 2 - old[i]!))
    next.push(params[i]! - (options.learningRate * grad[i]!) / (Math.sqrt(meanSquare[i]!) + options.epsilon))
  }
  return { params: next, state: { meanSquare } }
}

export function adamStep(params: Vector, grad: Vector, state: AdamState | undefined, options: AdamOptions): OptimizerStep<AdamState> {
  const n = checkStep(params, grad, options.learningRate)
  const { beta1, beta2, epsilon } = options
  checkFraction('beta1', beta1)
  checkFraction('beta2', beta2)
  if (!(epsilon >= 0)) throw new RangeError(`epsilon ${epsilon} must be ≥ 0`)
  const oldM = remembered('first moment', state?.m, n, 0)
  const oldV = remembered('second moment', state?.v, n, 0)
  const t = (state?.t ?? 0) + 1
  // Keras: η_t = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ), p ← p − η_t·m/(√v + ε̂) with ε̂ = ε·√(1 − β₂ᵗ).
  const root = Math.sqrt(1 - beta2 ** t)
  const lr = (options.learningRate * root) / (1 - beta1 ** t)
  const m: number[] = []
  const v: number[] = []
  const next: number[] = []
  for (let i = 0; i < n; i++) {
    m.push(beta1 * oldM[i]! + (1 - beta1) * grad[i]!)
    v.push(beta2 * oldV[i]! + (1 - beta2) * grad[i]! ** 2)
    next.push(params[i]! - (lr * m[i]!) / (Math.sqrt(v[i]!) + epsilon * root))
  }
  return { params: next, state: { m, v, t } }
}

export function dropout(x: Matrix, rate: number, rng: Rng, training: boolean): Matrix {
  if (!Array.isArray(x)) throw new RangeError('x must be an array of rows')
  checkFraction('rate', rate)
  const copy = x.map((row) => [...row])
  if (!training) return copy
  // The keep mask first, one draw per entry in row order, then the scaling.
  const keep = copy.map((row) => row.map(() => rng() >= rate))
  return copy.map((row, i) => row.map((v, j) => (keep[i]![j] ? v / (1 - rate) : 0)))
}

function checkWeights(weights: Matrix[], lambda: number): void {
  if (!Array.isArray(weights) || weights.some((W) => !Array.isArray(W) || W.some((row) => !Array.isArray(row)))) throw new RangeError('weights must be a list of matrices')
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new RangeError(`lambda ${lambda} must be a non-negative number`)
  weights.forEach((W, k) => W.forEach((row, i) => row.forEach((w, j) => {
    if (!Number.isFinite(w)) throw new RangeError(`weights[${k}][${i}][${j}] = ${w} is not finite`)
  })))
}

export function l2Penalty(weights: Matrix[], lambda: number): number {
  checkWeights(weights, lambda)
  return weights.reduce((s, W) => s + W.reduce((t, row) => t + row.reduce((u, w) => u + lambda * w * w, 0), 0), 0)
}

export function l2Gradient(weights: Matrix[], lambda: number): Matrix[] {
  checkWeights(weights, lambda)
  return weights.map((W) => W.map((row) => row.map((w) => lambda * (w + w))))
}

export function earlyStopping(valLosses: number[], patience: number, minDelta: number): EarlyStop {
  if (!Array.isArray(valLosses) || valLosses.length === 0) throw new RangeError('earlyStopping needs at least one validation loss')
  valLosses.forEach((l, e) => {
    if (!Number.isFinite(l)) throw new RangeError(`valLosses[${e}] = ${l} is not finite`)
  })
  if (!(Number.isInteger(patience) && patience >= 0)) throw new RangeError(`patience ${patience} must be a whole number ≥ 0`)
  if (!(Number.isFinite(minDelta) && minDelta >= 0)) throw new RangeError(`minDelta ${minDelta} must be ≥ 0`)
  // The epochs since the last improvement are epoch − bestEpoch (an epoch before any improvement counts from −1).
  let bestEpoch = -1
  let best = Infinity
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    if (best - valLosses[epoch]! > minDelta) {
      best = valLosses[epoch]!
      bestEpoch = epoch
    } else if (epoch - bestEpoch >= patience) {
      return { stopEpoch: epoch, bestEpoch: Math.max(bestEpoch, 0) }
    }
  }
  return { stopEpoch: null, bestEpoch: Math.max(bestEpoch, 0) }
}

export function validationSplit<Y>(x: Matrix, y: Y[], fraction: number, rng: Rng): { train: Split<Y>; validation: Split<Y> } {
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) throw new RangeError(`x and y must be arrays of the same length (${Array.isArray(x) ? x.length : '?'} and ${Array.isArray(y) ? y.length : '?'})`)
  if (x.length < 2) throw new RangeError(`a split needs at least 2 examples, got ${x.length}`)
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction ${fraction} must be strictly between 0 and 1`)
  const n = x.length
  // Keras's count: ⌊n·(1 − fraction)⌋ for training, the rest (at least one of each) for validation.
  const nTrain = Math.min(n - 1, Math.max(1, Math.floor(n * (1 - fraction))))
  const keys = x.map(() => rng())
  const order = x.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b)
  const part = (indices: number[]): Split<Y> => ({ x: indices.map((i) => [...x[i]!]), y: indices.map((i) => structuredClone(y[i]!)) })
  return { train: part(order.slice(0, nTrain)), validation: part(order.slice(nTrain)) }
}

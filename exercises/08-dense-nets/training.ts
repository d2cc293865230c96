// Topic 08: optimizers (優化器), dropout, L2 regularization (常規化), early stopping and the
// validation split. Read README.md in this folder first; `npm test -- 08` checks your work.
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

// Each optimizer step takes the parameters (one flat array), their gradient, the state the previous
// step returned (undefined at the first step) and the options, and returns the new parameters and
// the new state. Return new arrays: never change params, grad or the old state.

/** Plain gradient descent: p ← p − η·g. */
export function sgdStep(params: Vector, grad: Vector, options: SgdOptions): Vector {
  throw new Error('not implemented: sgdStep(params, grad, options)')
}

/** Momentum, as tf.train.momentum: v ← μ·v + g, p ← p − η·v (v starts at 0). */
export function momentumStep(params: Vector, grad: Vector, state: MomentumState | undefined, options: MomentumOptions): OptimizerStep<MomentumState> {
  throw new Error('not implemented: momentumStep(params, grad, state, options)')
}

/** Adagrad, as tf.train.adagrad: G ← G + g² (G starts at initialAccumulatorValue), p ← p − η·g/√(G + ε), ε = 1e-7. */
export function adagradStep(params: Vector, grad: Vector, state: AdagradState | undefined, options: AdagradOptions): OptimizerStep<AdagradState> {
  throw new Error('not implemented: adagradStep(params, grad, state, options)')
}

/** RMSprop, as tf.train.rmsprop: s ← ρ·s + (1 − ρ)·g² (s starts at 0), p ← p − η·g/√(s + ε). */
export function rmspropStep(params: Vector, grad: Vector, state: RmspropState | undefined, options: RmspropOptions): OptimizerStep<RmspropState> {
  throw new Error('not implemented: rmspropStep(params, grad, state, options)')
}

/** Adam, as tf.train.adam, with bias correction: p ← p − η·m̂/(√v̂ + ε). */
export function adamStep(params: Vector, grad: Vector, state: AdamState | undefined, options: AdamOptions): OptimizerStep<AdamState> {
  throw new Error('not implemented: adamStep(params, grad, state, options)')
}

/**
 * Inverted dropout on a batch of activations. While training, drop each entry (make it 0) with
 * probability `rate`, drawn with rng, and divide the others by 1 − rate. When not training,
 * return x unchanged. rate must be in [0, 1).
 */
export function dropout(x: Matrix, rate: number, rng: Rng, training: boolean): Matrix {
  throw new Error('not implemented: dropout(x, rate, rng, training)')
}

/** The L2 penalty λ·Σ w² over every entry of every weight matrix. */
export function l2Penalty(weights: Matrix[], lambda: number): number {
  throw new Error('not implemented: l2Penalty(weights, lambda)')
}

/** The gradient of l2Penalty with respect to each weight, shaped like the weights. */
export function l2Gradient(weights: Matrix[], lambda: number): Matrix[] {
  throw new Error('not implemented: l2Gradient(weights, lambda)')
}

/**
 * Early stopping on the validation loss of each epoch, as Keras's EarlyStopping: an epoch improves
 * when its loss is below the best so far by more than minDelta; training stops at the epoch that
 * makes `patience` epochs in a row without improvement.
 */
export function earlyStopping(valLosses: number[], patience: number, minDelta: number): EarlyStop {
  throw new Error('not implemented: earlyStopping(valLosses, patience, minDelta)')
}

/**
 * Shuffles the examples with rng (keeping each x[i] with its y[i]) and puts about fraction·n of
 * them in the validation part and the rest in the training part.
 */
export function validationSplit<Y>(x: Matrix, y: Y[], fraction: number, rng: Rng): { train: Split<Y>; validation: Split<Y> } {
  throw new Error('not implemented: validationSplit(x, y, fraction, rng)')
}

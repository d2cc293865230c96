// Topic 08: dense networks (全連接神經網路) from scratch. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 08` checks your work.
import type { Rng } from '@course/rng'

export type Vector = number[]
/** Row-major; a batch of examples has one example per row. */
export type Matrix = number[][]
export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax'
/** The loss names of TensorFlow.js's model.compile. */
export type Loss = 'meanSquaredError' | 'binaryCrossentropy' | 'categoricalCrossentropy'

/** One Dense layer, in Keras's layout: W[i][j] connects input i to unit j, so W is inputs × units. */
export interface DenseLayer {
  W: Matrix
  b: Vector
  activation: Activation
}
/** A dense network: its layers from input to output. */
export type Mlp = DenseLayer[]

export interface LayerGradient {
  W: Matrix
  b: Vector
}
export interface Backward {
  /** The loss of the batch (the mean over its examples). */
  loss: number
  /** ∂loss/∂W and ∂loss/∂b of every layer, in the network's order. */
  gradients: LayerGradient[]
}

export interface TrainOptions {
  /** Sizes of the hidden layers, e.g. [25, 25] for the lecture's 2-25-25-1 network. */
  hidden: number[]
  /** Activation of every hidden layer. */
  activation: Activation
  /** Activation of the output layer. */
  output: Activation
  loss: Loss
  learningRate: number
  epochs: number
  batchSize: number
  rng: Rng
}
export interface TrainResult {
  net: Mlp
  /** The training loss of each epoch. */
  history: number[]
}

/**
 * One dense layer before its activation: x·W + b for a batch x (examples × inputs), W (inputs ×
 * units) and b (units). Returns examples × units. Mismatched shapes throw a RangeError.
 */
export function denseForward(x: Matrix, W: Matrix, b: Vector): Matrix {
  throw new Error('not implemented: denseForward(x, W, b)')
}

/** max(0, z). */
export function relu(z: number): number {
  throw new Error('not implemented: relu(z)')
}

/** The slope of relu: 1 for z > 0, 0 for z < 0 (at 0, either). */
export function reluDerivative(z: number): number {
  throw new Error('not implemented: reluDerivative(z)')
}

/** σ(z) = 1/(1 + e^(−z)), finite for every z (also ±1000). */
export function sigmoid(z: number): number {
  throw new Error('not implemented: sigmoid(z)')
}

/** σ′(z). */
export function sigmoidDerivative(z: number): number {
  throw new Error('not implemented: sigmoidDerivative(z)')
}

/** tanh(z). */
export function tanh(z: number): number {
  throw new Error('not implemented: tanh(z)')
}

/** tanh′(z). */
export function tanhDerivative(z: number): number {
  throw new Error('not implemented: tanhDerivative(z)')
}

/** e^(zᵢ)/Σⱼ e^(zⱼ), computed so that large logits such as [1000, 0] do not overflow. */
export function softmax(z: Vector): Vector {
  throw new Error('not implemented: softmax(z)')
}

/** The derivative of softmax: J[i][j] = ∂softmax(z)ᵢ/∂zⱼ. */
export function softmaxJacobian(z: Vector): Matrix {
  throw new Error('not implemented: softmaxJacobian(z)')
}

/** The network's output for a batch x: one row per example. */
export function mlpForward(net: Mlp, x: Matrix): Matrix {
  throw new Error('not implemented: mlpForward(net, x)')
}

/**
 * Back-propagation: the loss of the batch (x, y) and the gradient of every layer's W and b.
 * You may assume 'binaryCrossentropy' comes with a sigmoid output layer and
 * 'categoricalCrossentropy' with a softmax one.
 */
export function mlpBackward(net: Mlp, x: Matrix, y: Matrix, loss: Loss): Backward {
  throw new Error('not implemented: mlpBackward(net, x, y, loss)')
}

/** The number of weights and biases of a dense network with these layer sizes, input first. */
export function paramCount(sizes: number[]): number {
  throw new Error('not implemented: paramCount(sizes)')
}

/** Builds a network with random initial weights (from options.rng) and trains it with mini-batch SGD. */
export function trainMLP(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
  throw new Error('not implemented: trainMLP(x, y, options)')
}

// Topic 10: the functional API (函數型模型) and model reuse. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 10` checks your work.
//
// TensorFlow.js is imported as in the lecture's Keras: `tf.input`, `tf.layers.*`, `tf.model`.
// Models cross into and out of your functions as copies: a model you are given is yours to change,
// and what you return is what is graded.
import * as tf from '@tensorflow/tfjs'

/** A list of weight matrices (kernels), as in topic 08. */
export type Matrix = number[][]

/**
 * The lecture's two-input, two-output model, built with the functional API:
 * - input 1 (10 features) → Dense(128) → Dense(128) → Dense(32);
 * - input 2 (8 features) → Dense(32) → Dense(32) → Dense(32);
 * - the two joined with tf.layers.concatenate → Dense(28);
 * - output 1: Dense(64) → Dense(1); output 2: Dense(16) → Dense(1), both from the Dense(28).
 * `tf.model({ inputs: [input1, input2], outputs: [output1, output2] })`, inputs and outputs in this
 * order. Activations are yours to choose (the lecture leaves them linear); it need not be compiled.
 */
export function buildTwoInputModel(): tf.LayersModel {
  throw new Error('not implemented: buildTwoInputModel()')
}

/** The L1 penalty λ·Σ|w| over every entry of every weight matrix (tf.regularizers.l1). */
export function l1Penalty(weights: Matrix[], lambda: number): number {
  throw new Error('not implemented: l1Penalty(weights, lambda)')
}

/** The gradient of l1Penalty with respect to each weight: λ·sign(w), and 0 where w = 0 (see the lesson). */
export function l1Gradient(weights: Matrix[], lambda: number): Matrix[] {
  throw new Error('not implemented: l1Gradient(weights, lambda)')
}

/**
 * Saves `model` in memory, as the lecture's `model.save(...)` saves it to a file: its architecture,
 * its weights and, if it was compiled, its training configuration (TensorFlow.js saves that only
 * when asked: `{ includeOptimizer: true }`). Use `model.save` with `tf.io.withSaveHandler`, and
 * return the artifacts the handler receives.
 */
export async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  throw new Error('not implemented: saveToMemory(model)')
}

/**
 * Loads a model from artifacts saved in memory, as the lecture's `load_model(...)`: the same
 * architecture, the same weights, compiled again if it was compiled (`tf.loadLayersModel` with
 * `tf.io.fromMemory`).
 */
export async function loadFromMemory(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  throw new Error('not implemented: loadFromMemory(artifacts)')
}

/**
 * Reuses a trained model's layers for a new task (the lecture's 「偷別人東西」): a new model on the
 * same inputs that runs every layer of `pretrained` except its last (the old output layer), with
 * those layers frozen (`trainable = false`), and a new output layer `Dense(classes, softmax)` on top.
 * Return it compiled (`model.compile({ optimizer, loss: 'categoricalCrossentropy' or
 * 'sparseCategoricalCrossentropy' })`), so that it can be trained on the new task.
 */
export function reuseLayers(pretrained: tf.LayersModel, classes: number): tf.LayersModel {
  throw new Error('not implemented: reuseLayers(pretrained, classes)')
}

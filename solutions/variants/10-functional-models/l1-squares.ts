/**
 * L2's penalty under L1's name: λ·Σw² instead of λ·Σ|w|.
 * @replaces 10-functional-models/functional-models.ts
 * @mustFail l1.penalty
 */
import * as tf from '@tensorflow/tfjs'

export type Matrix = number[][]

export function buildTwoInputModel(): tf.LayersModel {
  // 第一個輸入
  const input1 = tf.input({ shape: [10] })
  let x1 = tf.layers.dense({ units: 128, activation: 'relu' }).apply(input1) as tf.SymbolicTensor
  x1 = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x1) as tf.SymbolicTensor
  x1 = tf.layers.dense({ units: 32, activation: 'relu' }).apply(x1) as tf.SymbolicTensor
  // 第二個輸入
  const input2 = tf.input({ shape: [8] })
  let x2 = tf.layers.dense({ units: 32, activation: 'relu' }).apply(input2) as tf.SymbolicTensor
  x2 = tf.layers.dense({ units: 32, activation: 'relu' }).apply(x2) as tf.SymbolicTensor
  x2 = tf.layers.dense({ units: 32, activation: 'relu' }).apply(x2) as tf.SymbolicTensor
  // 將處理過的兩個輸入接起來
  let joined = tf.layers.concatenate().apply([x1, x2]) as tf.SymbolicTensor
  joined = tf.layers.dense({ units: 28, activation: 'relu' }).apply(joined) as tf.SymbolicTensor
  // 接出第一個輸出
  const h1 = tf.layers.dense({ units: 64, activation: 'relu' }).apply(joined) as tf.SymbolicTensor
  const output1 = tf.layers.dense({ units: 1 }).apply(h1) as tf.SymbolicTensor
  // 接出第二個輸出
  const h2 = tf.layers.dense({ units: 16, activation: 'relu' }).apply(joined) as tf.SymbolicTensor
  const output2 = tf.layers.dense({ units: 1 }).apply(h2) as tf.SymbolicTensor
  return tf.model({ inputs: [input1, input2], outputs: [output1, output2] })
}

function check(weights: Matrix[], lambda: number, what: string): void {
  if (!Number.isFinite(lambda) || lambda < 0) throw new RangeError(`${what}: lambda must be a finite number ≥ 0, got ${lambda}`)
  for (const W of weights) for (const row of W) for (const w of row) if (!Number.isFinite(w)) throw new RangeError(`${what}: the weights must be finite numbers, got ${w}`)
}

export function l1Penalty(weights: Matrix[], lambda: number): number {
  check(weights, lambda, 'l1Penalty')
  let sum = 0
  for (const W of weights) for (const row of W) for (const w of row) sum += w * w
  return lambda * sum
}

export function l1Gradient(weights: Matrix[], lambda: number): Matrix[] {
  check(weights, lambda, 'l1Gradient')
  return weights.map((W) => W.map((row) => row.map((w) => lambda * Math.sign(w))))
}

export async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
    // Like Keras's model.save: the compile configuration (and the optimizer's state) too.
    { includeOptimizer: true },
  )
  if (!saved) throw new Error('saveToMemory: the model saved nothing')
  return saved
}

export async function loadFromMemory(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifacts))
}

export function reuseLayers(pretrained: tf.LayersModel, classes: number): tf.LayersModel {
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`reuseLayers: classes must be a whole number ≥ 2, got ${classes}`)
  const layers = pretrained.layers
  // The layer before the old output layer: its output is the features the new head reads.
  const features = layers[layers.length - 2]
  if (!features) throw new RangeError('reuseLayers: the pretrained model needs a hidden layer under its output layer')
  for (const layer of layers.slice(0, -1)) layer.trainable = false
  const head = tf.layers.dense({ units: classes, activation: 'softmax', name: 'new_head' }).apply(features.output) as tf.SymbolicTensor
  const model = tf.model({ inputs: pretrained.inputs, outputs: head })
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] })
  return model
}

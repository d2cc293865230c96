/**
 * Reuse the way many write it for a stack: a new tf.sequential of the pretrained hidden layers and a
 * new head, frozen by the `trainable` option; a towers-first functional model with a helper; L1 with
 * Math.abs and a loop; saving with includeOptimizer through withSaveHandler.
 * @replaces 10-functional-models/functional-models.ts
 */
import * as tf from '@tensorflow/tfjs'

export type Matrix = number[][]

function tower(input: tf.SymbolicTensor, sizes: number[]): tf.SymbolicTensor {
  let x = input
  for (const units of sizes) x = tf.layers.dense({ units, activation: 'tanh' }).apply(x) as tf.SymbolicTensor
  return x
}

export function buildTwoInputModel(): tf.LayersModel {
  const inputs = [tf.input({ shape: [10] }), tf.input({ shape: [8] })]
  const towers = [tower(inputs[0]!, [128, 128, 32]), tower(inputs[1]!, [32, 32, 32])]
  const shared = tower(tf.layers.concatenate().apply(towers) as tf.SymbolicTensor, [28])
  const outputs = [tower(shared, [64, 1]), tower(shared, [16, 1])]
  return tf.model({ inputs, outputs })
}

export function l1Penalty(weights: Matrix[], lambda: number): number {
  let total = 0
  for (const W of weights) for (const row of W) for (const w of row) total += Math.abs(w)
  return total * lambda
}

export function l1Gradient(weights: Matrix[], lambda: number): Matrix[] {
  return weights.map((W) => W.map((row) => row.map((w) => Math.sign(w) * lambda)))
}

export async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  const saved: tf.io.ModelArtifacts[] = []
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved.push(artifacts)
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
  }), { includeOptimizer: true })
  return saved[0]!
}

export async function loadFromMemory(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  return await tf.loadLayersModel(tf.io.fromMemory(artifacts))
}

export function reuseLayers(pretrained: tf.LayersModel, classes: number): tf.LayersModel {
  const reused = pretrained.layers.slice(0, -1)
  for (const layer of reused) layer.trainable = false
  const model = tf.sequential({ layers: [...reused, tf.layers.dense({ units: classes, activation: 'softmax' })] })
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' })
  return model
}

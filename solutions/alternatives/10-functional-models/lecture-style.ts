/**
 * The lecture's code as it is (linear layers, reassigned variables, an options object for the
 * model); L1 by flattening; a save handler written as an IOHandler object; transfer by walking the
 * layers with apply, and a sparse loss with plain SGD.
 * @replaces 10-functional-models/functional-models.ts
 */
import * as tf from '@tensorflow/tfjs'

export type Matrix = number[][]

const dense = (units: number) => (x: tf.SymbolicTensor) => tf.layers.dense({ units }).apply(x) as tf.SymbolicTensor

export function buildTwoInputModel(): tf.LayersModel {
  const input1 = tf.input({ shape: [10], name: 'input1' })
  const x1 = [dense(128), dense(128), dense(32)].reduce((x, layer) => layer(x), input1)
  const input2 = tf.input({ shape: [8], name: 'input2' })
  const x2 = [dense(32), dense(32), dense(32)].reduce((x, layer) => layer(x), input2)
  const con = dense(28)(tf.layers.concatenate({ axis: -1 }).apply([x1, x2]) as tf.SymbolicTensor)
  const output1 = dense(1)(dense(64)(con))
  const output2 = dense(1)(dense(16)(con))
  return tf.model({ name: 'two_in_two_out', inputs: [input1, input2], outputs: [output1, output2] })
}

export function l1Penalty(weights: Matrix[], lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`l1Penalty: bad lambda ${lambda}`)
  return lambda * weights.flat(2).reduce((sum, w) => sum + (w < 0 ? -w : w), 0)
}

export function l1Gradient(weights: Matrix[], lambda: number): Matrix[] {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`l1Gradient: bad lambda ${lambda}`)
  return weights.map((W) => W.map((row) => row.map((w) => (w > 0 ? lambda : w < 0 ? -lambda : 0))))
}

export async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  const box: { artifacts?: tf.io.ModelArtifacts } = {}
  const handler: tf.io.IOHandler = {
    save: async (artifacts) => {
      box.artifacts = artifacts
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: 0 } }
    },
  }
  await model.save(handler, { includeOptimizer: true })
  return box.artifacts!
}

export async function loadFromMemory(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts))
  return model
}

export function reuseLayers(pretrained: tf.LayersModel, classes: number): tf.LayersModel {
  const hidden = pretrained.layers.filter((layer) => layer.getClassName() !== 'InputLayer').slice(0, -1)
  const input = pretrained.inputs[0]!
  let x = input
  for (const layer of hidden) {
    layer.trainable = false
    x = layer.apply(x) as tf.SymbolicTensor
  }
  const output = tf.layers.dense({ units: classes, activation: 'softmax' }).apply(x) as tf.SymbolicTensor
  const model = tf.model({ inputs: input, outputs: output })
  model.compile({ optimizer: tf.train.sgd(0.3), loss: 'sparseCategoricalCrossentropy' })
  return model
}

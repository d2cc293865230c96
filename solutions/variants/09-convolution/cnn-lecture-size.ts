/**
 * The lecture's CNN as it stands (two Conv2D layers of 128 filters, 'same'): about 116 million multiply-adds per image, far over the budget.
 * @replaces 09-convolution/cnn.ts
 * @mustFail buildCnn.shape buildCnn.mnist
 */
import * as tf from '@tensorflow/tfjs'

export function buildCnn(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: [3, 3], padding: 'same', inputShape: [28, 28, 1] }))
  model.add(tf.layers.activation({ activation: 'relu' }))
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: [3, 3], padding: 'same' }))
  model.add(tf.layers.activation({ activation: 'relu' }))
  model.add(tf.layers.flatten())
  model.add(tf.layers.dense({ units: 10 }))
  model.add(tf.layers.activation({ activation: 'softmax' }))
  model.compile({ loss: 'sparseCategoricalCrossentropy', optimizer: tf.train.adam(), metrics: ['accuracy'] })
  return model
}

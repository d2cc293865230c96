/**
 * A "CNN" with no Conv2D layer: a dense network on the flattened image.
 * @replaces 09-convolution/cnn.ts
 * @mustFail buildCnn.shape
 */
import * as tf from '@tensorflow/tfjs'

export function buildCnn(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }))
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }))
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }))
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.005) })
  return model
}

/**
 * A CNN whose convolution is frozen at zero: every image gives the same features, so it predicts one digit.
 * @replaces 09-convolution/cnn.ts
 * @mustFail buildCnn.mnist
 */
import * as tf from '@tensorflow/tfjs'

export function buildCnn(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1], kernelInitializer: 'zeros', trainable: false }))
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }))
  model.add(tf.layers.flatten())
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }))
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.01) })
  return model
}

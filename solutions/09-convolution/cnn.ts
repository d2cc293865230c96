// Answer key for 09-convolution: a small CNN (捲積神經網路) for the MNIST subset.
import * as tf from '@tensorflow/tfjs'

/**
 * The lecture's CNN, made small enough to train on the cpu backend: 8 filters of 3 × 3 (26 × 26
 * × 8 feature maps), 2 × 2 max pooling (13 × 13 × 8), Flatten, and a softmax over the 10 digits.
 * About 62,000 multiply-adds per image and 13,610 parameters.
 */
export function buildCnn(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'valid', activation: 'relu', inputShape: [28, 28, 1] }))
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }))
  model.add(tf.layers.flatten())
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }))
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.01), metrics: ['accuracy'] })
  return model
}

// Answer key for 08-dense-nets: the lecture's Keras models, in TensorFlow.js.
import * as tf from '@tensorflow/tfjs'

/** Spirals (feature_extraction3): 2 inputs → P(class 1). Relu hidden layers, as the lecture advises over sigmoid. */
export function buildModel(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.dense({ units: 32, inputShape: [2], activation: 'relu' }))
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }))
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }))
  model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.02), metrics: ['accuracy'] })
  return model
}

/** MNIST as 784 pixels → 10 digit probabilities: the lecture's dense network, smaller. */
export function buildMnistModel(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.dense({ units: 64, inputShape: [784], activation: 'relu' }))
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }))
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.002), metrics: ['accuracy'] })
  return model
}

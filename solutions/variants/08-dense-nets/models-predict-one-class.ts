/**
 * Keras-style models whose first layer is frozen at zero: every input looks the same, so they predict one class.
 * @replaces 08-dense-nets/models.ts
 * @mustFail buildModel.spirals buildMnistModel.mnist
 */
import * as tf from '@tensorflow/tfjs'

function blind(inputs: number, outputs: number, activation: 'sigmoid' | 'softmax', loss: string): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.dense({ units: 32, inputShape: [inputs], activation: 'relu', kernelInitializer: 'zeros', trainable: false }))
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }))
  model.add(tf.layers.dense({ units: outputs, activation }))
  model.compile({ loss, optimizer: tf.train.adam(0.02) })
  return model
}

export function buildModel(): tf.LayersModel {
  return blind(2, 1, 'sigmoid', 'binaryCrossentropy')
}

export function buildMnistModel(): tf.LayersModel {
  return blind(784, 10, 'softmax', 'categoricalCrossentropy')
}

/**
 * Keras-style models compiled with a learning rate of 0: their weights stay as initialized.
 * @replaces 08-dense-nets/models.ts
 * @mustFail buildModel.spirals buildMnistModel.mnist
 */
import * as tf from '@tensorflow/tfjs'
import { buildMnistModel as mnist, buildModel as spirals } from '../../08-dense-nets/models.ts'

export function buildModel(): tf.LayersModel {
  const model = spirals()
  model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0) })
  return model
}

export function buildMnistModel(): tf.LayersModel {
  const model = mnist()
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0) })
  return model
}

/**
 * A CNN compiled with a learning rate of 0: its weights stay as initialized.
 * @replaces 09-convolution/cnn.ts
 * @mustFail buildCnn.mnist
 */
import * as tf from '@tensorflow/tfjs'
import { buildCnn as answer } from '../../09-convolution/cnn.ts'

export function buildCnn(): tf.LayersModel {
  const model = answer()
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0) })
  return model
}

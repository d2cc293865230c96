/**
 * Logistic regression (no hidden layer) for the spirals: a line cannot separate them.
 * @replaces 08-dense-nets/models.ts
 * @mustFail buildModel.spirals
 */
import * as tf from '@tensorflow/tfjs'

export { buildMnistModel } from '../../08-dense-nets/models.ts'

export function buildModel(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }))
  model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.02), metrics: ['accuracy'] })
  return model
}

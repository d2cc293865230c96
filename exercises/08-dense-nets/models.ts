// Topic 08: the lecture's Keras models in TensorFlow.js. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 08` checks your work.
import * as tf from '@tensorflow/tfjs'

/**
 * A compiled model for the spirals (feature_extraction3): input shape [2], output one sigmoid
 * unit, P(class 1). The tests train it for 20 epochs of mini-batches of 50 and want ≥ 90%
 * held-out accuracy.
 */
export function buildModel(): tf.LayersModel {
  throw new Error('not implemented: buildModel()')
}

/**
 * A compiled dense model for MNIST: input shape [784] (pixels in [0, 1]), output 10 softmax
 * probabilities. The tests train it for 4 epochs of mini-batches of 50 on 2000 digits and want
 * ≥ 80% accuracy on 500 test digits.
 */
export function buildMnistModel(): tf.LayersModel {
  throw new Error('not implemented: buildMnistModel()')
}

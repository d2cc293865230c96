// Topic 09: a convolutional neural network (捲積神經網路) in TensorFlow.js. Read README.md in this
// folder first. Replace the `throw` with your code; `npm test -- 09` checks your work.
import * as tf from '@tensorflow/tfjs'

/**
 * A compiled CNN for MNIST: input shape [28, 28, 1] (pixels in [0, 1]), at least one Conv2D
 * layer, output 10 softmax probabilities. The tests train it for one epoch of mini-batches of 50
 * on 2000 digits and want ≥ 75% accuracy on 500 test digits; it may cost at most 250,000
 * multiply-adds per image.
 */
export function buildCnn(): tf.LayersModel {
  throw new Error('not implemented: buildCnn()')
}

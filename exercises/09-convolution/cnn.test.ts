import { describe } from 'vitest'
import { expectTrue, prose, recordBackend, recordPlot, topic } from '../../grader/harness'
import * as student from '@target/09-convolution/cnn'
import * as tf from '../../reference/public/tf'
import { type Budget, type Labelled, describeModel, multiplyAdds, trainOnBudget } from '../../reference/oracles/keras'
import { expectModel, expectProbabilities } from '../../grader/harness/keras'
import { IMAGE_SIZE, loadMnist, type MnistSet } from '../../reference/data/mnist'

const { graded } = topic(import.meta.url)

// TensorFlow.js's wasm backend has no Conv2DBackpropFilter kernel: CNNs train on cpu (or on
// tfjs-node when it is installed). Everything in this file runs there, building the model included.
const BACKEND = tf.backendFor('conv-training')

/**
 * One epoch over the course's MNIST subset (2000 digits) in mini-batches of 50: 40 steps. The
 * answer key (Conv2D 8 × 3 × 3 relu, 2 × 2 max pooling, softmax; Adam 0.01) recognizes about 85%
 * of the 500 test digits; a model that does not train, or predicts one digit, about 10%.
 */
const CNN_BUDGET: Budget = { epochs: 1, batchSize: 50, seed: 9090 }
const CNN_BAR = 0.75
/**
 * On the cpu backend the answer key (62,000 multiply-adds per image) trains and is evaluated in
 * about 6 s of CPU, a 190,000 one in about 7 s; this cap keeps a run near 10 s.
 */
const MAX_MULTIPLY_ADDS = 250_000
const MAX_PARAMS = 100_000

function images(set: MnistSet): Labelled {
  return { x: tf.tensor4d(set.pixels, [set.count, IMAGE_SIZE, IMAGE_SIZE, 1]), labels: Array.from(set.labels) }
}

function buildChecked(): tf.LayersModel {
  const model = student.buildCnn()
  expectModel('buildCnn()', model, [IMAGE_SIZE, IMAGE_SIZE, 1], [10])
  const convs = model.layers.filter((l) => l.getClassName() === 'Conv2D').length
  expectTrue(convs > 0, `buildCnn() has no Conv2D layer; a CNN convolves (${describeModel(model)})`, { expected: prose('at least one tf.layers.conv2d'), actual: prose(describeModel(model)) })
  const cost = multiplyAdds(model)
  expectTrue(cost <= MAX_MULTIPLY_ADDS, `buildCnn() costs ${cost} multiply-adds per image; the training budget allows ${MAX_MULTIPLY_ADDS}. Use fewer filters, pooling, or strides (${describeModel(model)})`, {
    expected: prose(`≤ ${MAX_MULTIPLY_ADDS} multiply-adds per image`),
    actual: cost,
  })
  const params = model.countParams()
  expectTrue(params <= MAX_PARAMS, `buildCnn() has ${params} parameters; at most ${MAX_PARAMS} fit the budget (${describeModel(model)})`, { expected: prose(`≤ ${MAX_PARAMS}`), actual: params })
  return model
}

describe('buildCnn(): a convolutional network for MNIST', () => {
  graded('buildCnn.shape', 'buildCnn() returns a compiled layers model from a 28 × 28 × 1 image to 10 digit probabilities, with a Conv2D layer, within budget', async () => {
    await tf.withBackend(BACKEND, () => {
      recordBackend(tf.getBackend())
      const model = buildChecked()
      const { test } = loadMnist()
      tf.tidy(() => expectProbabilities('buildCnn()', model, tf.tensor4d(test.pixels.subarray(0, 3 * IMAGE_SIZE * IMAGE_SIZE), [3, IMAGE_SIZE, IMAGE_SIZE, 1])))
      model.dispose()
    })
  })
  graded('buildCnn.mnist', `trained for one epoch of batches of ${CNN_BUDGET.batchSize} on 2000 digits, it recognizes ≥ ${100 * CNN_BAR}% of 500 test digits`, async () => {
    await tf.withBackend(BACKEND, async () => {
      recordBackend(tf.getBackend())
      const model = buildChecked()
      const mnist = loadMnist()
      const train = images(mnist.train)
      const test = images(mnist.test)
      try {
        const record = await trainOnBudget(model, train, test, 10, CNN_BUDGET)
        recordPlot({
          kind: 'curves',
          title: 'buildCnn() on the MNIST subset: training loss of each mini-batch',
          xLabel: 'step',
          yLabel: 'categorical cross-entropy',
          series: [{ name: 'training loss', values: record.batchLoss }],
        })
        expectTrue(record.accuracy >= CNN_BAR, `buildCnn(): held-out accuracy ${(100 * record.accuracy).toFixed(1)}% is below ${100 * CNN_BAR}% (${describeModel(model)})`, {
          expected: prose(`≥ ${CNN_BAR}`),
          actual: record.accuracy,
        })
      } finally {
        tf.dispose([train.x, test.x])
        model.dispose()
      }
    })
  }, { timeout: 120_000 })
})

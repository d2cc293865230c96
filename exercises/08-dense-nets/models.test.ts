import { describe } from 'vitest'
import { expectTrue, prose, recordBackend, recordPlot, topic } from '../../grader/harness'
import * as student from '@target/08-dense-nets/models'
import * as tf from '../../reference/public/tf'
import { type Budget, type Labelled, type TrainingRecord, describeModel, fixedSplit, trainOnBudget } from '../../reference/oracles/keras'
import { expectModel, expectProbabilities } from '../../grader/harness/keras'
import { loadDataset } from '../../reference/data/datasets'
import { PIXELS, loadMnist, type MnistSet } from '../../reference/data/mnist'

const { graded } = topic(import.meta.url)

// Dense training runs on the wasm backend (or tfjs-node when it is installed).
const BACKEND = tf.backendFor('dense-training')

/**
 * The spirals (feature_extraction3, 1000 points): 800 to train on, a fixed 200 held out.
 * Budget: 20 epochs of mini-batches of 50 (320 steps). The answer key (2-32-32-1 relu, Adam 0.02)
 * classifies 100% of the held-out points; a logistic regression (no hidden layer), a network
 * whose hidden layers do not train, or one that predicts one class stays at 50–65%.
 */
const SPIRALS_BUDGET: Budget = { epochs: 20, batchSize: 50, seed: 3030 }
const SPIRALS_BAR = 0.9
const SPIRALS_MAX_PARAMS = 50_000

/**
 * The course's MNIST subset: 2000 training images (200 per digit), 500 test images (50 per digit).
 * Budget: 4 epochs of mini-batches of 50 (160 steps). The answer key (784-64-10, Adam 0.002) reaches
 * about 88%; the lecture's one-layer softmax regression about 83%. Guessing gives 10%.
 */
const MNIST_BUDGET: Budget = { epochs: 4, batchSize: 50, seed: 4040 }
const MNIST_BAR = 0.8
const MNIST_MAX_PARAMS = 300_000

function spirals(): { train: Labelled; test: Labelled } {
  const { train, test } = fixedSplit(loadDataset('feature_extraction3').rows, 200, 8)
  const labelled = (rows: number[][]): Labelled => ({ x: tf.tensor2d(rows.map((r) => [r[0]!, r[1]!])), labels: rows.map((r) => r[2]!) })
  return { train: labelled(train), test: labelled(test) }
}

function mnistFlat(set: MnistSet): Labelled {
  return { x: tf.tensor2d(set.pixels, [set.count, PIXELS]), labels: Array.from(set.labels) }
}

function build(what: string, make: () => tf.LayersModel, input: number[], output: number[], maxParams: number): tf.LayersModel {
  const model = make()
  expectModel(what, model, input, output)
  const params = model.countParams()
  expectTrue(params <= maxParams, `${what} has ${params} parameters; the training budget allows at most ${maxParams} (${describeModel(model)})`, {
    expected: prose(`≤ ${maxParams} parameters`),
    actual: params,
  })
  return model
}

function plotCurves(title: string, record: TrainingRecord): void {
  recordPlot({
    kind: 'curves',
    title,
    xLabel: 'epoch',
    yLabel: 'loss / accuracy',
    series: [
      { name: 'training loss', values: record.trainLoss },
      { name: 'held-out loss', values: record.heldOutLoss },
      { name: 'held-out accuracy', values: record.heldOutAccuracy },
    ],
  })
}

function expectAccuracy(what: string, record: TrainingRecord, bar: number, model: tf.LayersModel): void {
  expectTrue(record.accuracy >= bar, `${what}: held-out accuracy ${(100 * record.accuracy).toFixed(1)}% is below ${100 * bar}% (${describeModel(model)})`, {
    expected: prose(`≥ ${bar}`),
    actual: record.accuracy,
  })
}

describe('buildModel(): the spirals (feature_extraction3)', () => {
  graded('buildModel.shape', 'buildModel() returns a compiled layers model from 2 inputs to one probability (a sigmoid unit)', async () => {
    await tf.withBackend(BACKEND, () => {
      recordBackend(tf.getBackend())
      const model = build('buildModel()', student.buildModel, [2], [1], SPIRALS_MAX_PARAMS)
      tf.tidy(() => expectProbabilities('buildModel()', model, tf.tensor2d([[0, 0], [5, -5], [-5.5, 5.5], [100, 100]])))
      model.dispose()
    })
  })
  graded('buildModel.spirals', `trained for ${SPIRALS_BUDGET.epochs} epochs of batches of ${SPIRALS_BUDGET.batchSize}, it classifies ≥ ${100 * SPIRALS_BAR}% of 200 held-out points`, async () => {
    await tf.withBackend(BACKEND, async () => {
      recordBackend(tf.getBackend())
      const model = build('buildModel()', student.buildModel, [2], [1], SPIRALS_MAX_PARAMS)
      const data = spirals()
      try {
        const record = await trainOnBudget(model, data.train, data.test, 2, SPIRALS_BUDGET)
        plotCurves('buildModel() on the spirals', record)
        expectAccuracy('buildModel() on the spirals', record, SPIRALS_BAR, model)
      } finally {
        tf.dispose([data.train.x, data.test.x])
        model.dispose()
      }
    })
  }, { timeout: 60_000 })
})

describe('buildMnistModel(): handwritten digits', () => {
  graded('buildMnistModel.shape', 'buildMnistModel() returns a compiled layers model from 784 pixels to 10 digit probabilities (softmax)', async () => {
    await tf.withBackend(BACKEND, () => {
      recordBackend(tf.getBackend())
      const model = build('buildMnistModel()', student.buildMnistModel, [PIXELS], [10], MNIST_MAX_PARAMS)
      const { test } = loadMnist()
      tf.tidy(() => expectProbabilities('buildMnistModel()', model, tf.tensor2d(test.pixels.subarray(0, 5 * PIXELS), [5, PIXELS])))
      model.dispose()
    })
  })
  graded('buildMnistModel.mnist', `trained for ${MNIST_BUDGET.epochs} epochs of batches of ${MNIST_BUDGET.batchSize} on 2000 digits, it recognizes ≥ ${100 * MNIST_BAR}% of 500 test digits`, async () => {
    await tf.withBackend(BACKEND, async () => {
      recordBackend(tf.getBackend())
      const model = build('buildMnistModel()', student.buildMnistModel, [PIXELS], [10], MNIST_MAX_PARAMS)
      const mnist = loadMnist()
      const train = mnistFlat(mnist.train)
      const test = mnistFlat(mnist.test)
      try {
        const record = await trainOnBudget(model, train, test, 10, MNIST_BUDGET)
        plotCurves('buildMnistModel() on the MNIST subset', record)
        expectAccuracy('buildMnistModel() on the MNIST subset', record, MNIST_BAR, model)
      } finally {
        tf.dispose([train.x, test.x])
        model.dispose()
      }
    })
  }, { timeout: 60_000 })
})

import { describe } from 'vitest'
import fc from 'fast-check'
import {
  type Tolerance, expectArgumentsUnchanged, expectClose, expectEqual, expectThrows, expectThrowsNaming, expectTrue, namesWord, forAll, prose, recordBackend, recordPlot, region, scaledFloors, topic,
  type Regions,
} from '../../grader/harness'
import * as student from '@target/08-dense-nets/dense'
import * as tf from '../../reference/public/tf'
import { type Layer, type Matrix, type NetCase, forward64, netCase, randomMatrix, tfBackward, tfForward } from '../../reference/oracles/dense'
import { fixedSplit } from '../../reference/oracles/keras'
import { loadDataset } from '../../reference/data/datasets'
import { createRng } from '../../reference/public/rng'
import { labelled } from '../../reference/oracles/described'

const { graded } = topic(import.meta.url)

// ---- tolerances ----

/**
 * TensorFlow.js computes in float32 (unit roundoff u = 6e-8), your code in float64. For the
 * generated networks (≤ 4 inputs, ≤ 2 hidden layers of width ≤ 5, |W|, |b| < 1, |x| < 2) a
 * pre-activation is a sum of ≤ 6 terms of total size ≤ 231, so float32 rounding, carried through
 * three layers whose weights add up to at most 5 per unit, stays below about 2.5e-4 in absolute
 * terms and 1e-5 relative to the size of the terms (measured: below 5e-7 on 400 cases). Every
 * mistake the tests look for changes the result by more than 1e-2.
 */
const TF_TOL: Tolerance = { abs: 5e-4, rel: 1e-4 }
/** Single float32 activations (tf.sigmoid, tf.tanh, …) are accurate to a few units of 6e-8. */
const ELEMENT_TOL: Tolerance = { abs: 1e-6, rel: 1e-5 }
/** Both sides compute the same float64 formula for the stable softmax (a few roundings of 1e-16). */
const EXACT_TOL: Tolerance = { abs: 1e-12, rel: 1e-12 }

function usingTf(): void {
  recordBackend(tf.getBackend())
}

/** A float32 score in [−20, 20]: near 0 (|z| < 0.5) and beyond ±5 (saturated) on purpose. */
const z32 = fc.oneof(
  fc.float({ min: Math.fround(-20), max: Math.fround(20), noNaN: true }),
  fc.float({ min: Math.fround(-0.5), max: Math.fround(0.5), noNaN: true }),
  fc.tuple(fc.float({ min: Math.fround(5), max: Math.fround(20), noNaN: true }), fc.boolean()).map(([v, negative]) => (negative ? -v : v)),
)
const zRegions: Regions<{ z: number }> = {
  'z < 0': region(20, ({ z }) => z < 0),
  '|z| < 0.5': region(5, ({ z }) => Math.abs(z) < 0.5),
  'saturated: |z| > 5': region(10, ({ z }) => Math.abs(z) > 5),
}
const netRegions: Regions<{ c: NetCase }> = {
  'no hidden layer': region(5, ({ c }) => c.net.length === 1),
  'two hidden layers': region(6, ({ c }) => c.net.length === 3),
  'a batch of one': region(3, ({ c }) => c.x.length === 1),
  'mean squared error': region(6, ({ c }) => c.loss === 'meanSquaredError'),
  'binary cross-entropy': region(6, ({ c }) => c.loss === 'binaryCrossentropy'),
  'categorical cross-entropy': region(6, ({ c }) => c.loss === 'categoricalCrossentropy'),
  'a relu hidden layer': region(5, ({ c }) => c.net.slice(0, -1).some((l) => l.activation === 'relu')),
  'a layer of width 1': region(5, ({ c }) => c.net.some((l) => l.b.length === 1)),
}
const zAwayFromZero = z32.filter((z) => Math.abs(z) >= 1e-6)
/** A small dense layer and a batch for it, from a seed (float32 values, so TensorFlow holds them exactly). */
const layerCase = fc
  .record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), batch: fc.integer({ min: 1, max: 5 }), inputs: fc.integer({ min: 1, max: 6 }), units: fc.integer({ min: 1, max: 6 }) })
  .map(({ seed, batch, inputs, units }) => {
    const rng = createRng(seed)
    const x = randomMatrix(rng, batch, inputs, -2, 2)
    const W = randomMatrix(rng, inputs, units)
    const b = randomMatrix(rng, 1, units)[0]!
    return labelled({ x, W, b }, `{ x: ${JSON.stringify(x)}, W: ${JSON.stringify(W)}, b: ${JSON.stringify(b)} }`)
  })

const tfScalar = (op: (t: tf.Tensor) => tf.Tensor, z: number) => tf.tidy(() => op(tf.scalar(z)).dataSync()[0]!)
const tfDerivative = (op: (t: tf.Tensor) => tf.Tensor, z: number) => tf.tidy(() => tf.grad((t: tf.Tensor) => op(t))(tf.scalar(z)).dataSync()[0]!)

describe('denseForward(x, W, b)', () => {
  graded('denseForward.matchesTf', 'x·W + b for a batch equals a linear tf.layers.dense holding the same W and b', () => {
    usingTf()
    forAll({ c: layerCase }, ({ c: { x, W, b } }) => {
      const expected = tfForward([{ W, b, activation: 'linear' }], x)
      expectClose('denseForward(x, W, b)', student.denseForward(x, W, b), expected, TF_TOL)
    }, {
      examples: [{ c: labelled({ x: [[1, 2]], W: [[1, 0, -1], [2, 1, 0]], b: [0.5, 0, 0] }, 'the lesson example') }],
      regions: {
        'a batch of one': region(3, ({ c }) => c.x.length === 1),
        'one input': region(2, ({ c }) => c.W.length === 1),
        'one unit': region(2, ({ c }) => c.b.length === 1),
        'more units than inputs': region(15, ({ c }) => c.b.length > c.W.length),
      },
    })
  })
})

describe('activations (激勵函數)', () => {
  graded('activations.values', 'relu, sigmoid and tanh agree with tf.relu, tf.sigmoid and tf.tanh, and stay finite at ±1000', () => {
    usingTf()
    forAll({ z: z32 }, ({ z }) => {
      expectClose(`relu(${z})`, student.relu(z), tfScalar(tf.relu, z), ELEMENT_TOL)
      expectClose(`sigmoid(${z})`, student.sigmoid(z), tfScalar(tf.sigmoid, z), ELEMENT_TOL)
      expectClose(`tanh(${z})`, student.tanh(z), tfScalar(tf.tanh, z), ELEMENT_TOL)
    }, { regions: zRegions })
    for (const z of [1000, -1000, 750, -750]) {
      expectClose(`sigmoid(${z})`, student.sigmoid(z), z > 0 ? 1 : 0, EXACT_TOL)
      expectClose(`tanh(${z})`, student.tanh(z), Math.sign(z), EXACT_TOL)
    }
  })
  graded('relu.derivative', "reluDerivative(z) is 1 for z > 0 and 0 for z < 0 (tf.grad of tf.relu)", () => {
    usingTf()
    forAll({ z: zAwayFromZero }, ({ z }) => expectClose(`reluDerivative(${z})`, student.reluDerivative(z), tfDerivative(tf.relu, z), EXACT_TOL), {
      examples: [{ z: -1 }, { z: -0.5 }, { z: 2 }],
      regions: zRegions,
    })
    const atZero = student.reluDerivative(0)
    expectTrue(atZero >= 0 && atZero <= 1, `reluDerivative(0) = ${atZero}: at 0 any value between the one-sided slopes 0 and 1 will do (TensorFlow uses 0)`, {
      expected: prose('a number in [0, 1]'),
      actual: atZero,
    })
  })
  graded('sigmoid.derivative', "sigmoidDerivative(z) = σ(z)(1 − σ(z)) agrees with tf.grad of tf.sigmoid", () => {
    usingTf()
    forAll({ z: z32 }, ({ z }) => expectClose(`sigmoidDerivative(${z})`, student.sigmoidDerivative(z), tfDerivative(tf.sigmoid, z), ELEMENT_TOL), { regions: zRegions })
    expectClose('sigmoidDerivative(1000)', student.sigmoidDerivative(1000), 0, EXACT_TOL)
  })
  graded('tanh.derivative', 'tanhDerivative(z) = 1 − tanh²(z) agrees with tf.grad of tf.tanh', () => {
    usingTf()
    forAll({ z: z32 }, ({ z }) => expectClose(`tanhDerivative(${z})`, student.tanhDerivative(z), tfDerivative(tf.tanh, z), ELEMENT_TOL), { regions: zRegions })
  })
})

const logits = fc.array(fc.float({ min: Math.fround(-10), max: Math.fround(10), noNaN: true }), { minLength: 1, maxLength: 6 })
const logitRegions: Regions<{ z: number[] }> = {
  'one class': region(3, ({ z }) => z.length === 1),
  'six classes': region(2, ({ z }) => z.length === 6),
  'two equal largest scores': region(1, ({ z }) => z.filter((v) => v === Math.max(...z)).length >= 2),
}

/** The stable softmax in float64: e^(zᵢ − max z)/Σ e^(zⱼ − max z). */
function stableSoftmax(z: number[]): number[] {
  const m = Math.max(...z)
  const e = z.map((v) => Math.exp(v - m))
  const s = e.reduce((a, b) => a + b, 0)
  return e.map((v) => v / s)
}

describe('softmax(z)', () => {
  graded('softmax.matchesTf', 'softmax(z) agrees with tf.softmax', () => {
    usingTf()
    forAll({ z: logits }, ({ z }) => {
      const expected = tf.tidy(() => Array.from(tf.softmax(tf.tensor1d(z)).dataSync()))
      expectClose(`softmax(${JSON.stringify(z)})`, student.softmax(z), expected, ELEMENT_TOL)
    }, { regions: logitRegions, examples: [{ z: [2, 2, -1] }, { z: [0.5] }] })
  })
  graded('softmax.stable', 'softmax stays finite for large logits: [1000, 0] gives [1, 0], and all ≤ −1000 still sums to 1', () => {
    for (const z of [[1000, 0], [0, 1000], [1000, 1000, 999], [-1000, -1000], [-1000, -1001, -1002], [800, -800, 0]]) {
      expectClose(`softmax(${JSON.stringify(z)})`, student.softmax(z), stableSoftmax(z), EXACT_TOL)
    }
  })
  graded('softmax.jacobian', 'softmaxJacobian(z)[i][j] = ∂softmax(z)ᵢ/∂zⱼ agrees with tf.grad', () => {
    usingTf()
    forAll({ z: logits }, ({ z }) => {
      const expected = tf.tidy(() =>
        // Row i of the Jacobian is the gradient of softmax(z)ᵢ = Σⱼ softmax(z)ⱼ·[j = i].
        z.map((_, i) => Array.from(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.softmax(t as tf.Tensor1D), tf.tensor1d(z.map((_, j) => (j === i ? 1 : 0))))))(tf.tensor1d(z)).dataSync())),
      )
      expectClose(`softmaxJacobian(${JSON.stringify(z)})`, student.softmaxJacobian(z), expected, ELEMENT_TOL)
    }, { regions: logitRegions, examples: [{ z: [2, 2, -1] }, { z: [0.5] }] })
  })
})

const asLayers = (net: Layer[]): student.Mlp => net.map((l) => ({ W: l.W, b: l.b, activation: l.activation }))

describe('mlpForward and mlpBackward (反向傳播)', () => {
  graded('mlpForward.matchesTf', 'mlpForward(net, x) equals the predictions of a tf.sequential holding the same weights', () => {
    usingTf()
    forAll({ c: netCase() }, ({ c }) => expectClose('mlpForward(net, x)', student.mlpForward(asLayers(c.net), c.x), tfForward(c.net, c.x), TF_TOL), { regions: netRegions })
  })
  graded('mlpBackward.loss', 'mlpBackward returns the batch loss TensorFlow.js computes (mean squared error, binary and categorical cross-entropy)', () => {
    usingTf()
    forAll({ c: netCase() }, ({ c }) => {
      const result = student.mlpBackward(asLayers(c.net), c.x, c.y, c.loss)
      expectClose(`mlpBackward(net, x, y, '${c.loss}').loss`, result?.loss, tfBackward(c.net, c.x, c.y, c.loss).loss, TF_TOL)
    }, { numRuns: 50, regions: scaledFloors(netRegions, 0.5) })
  })
  graded('mlpBackward.weights', 'the gradient of every W agrees with tf.grads', () => {
    usingTf()
    forAll({ c: netCase() }, ({ c }) => {
      const result = student.mlpBackward(asLayers(c.net), c.x, c.y, c.loss)
      const expected = tfBackward(c.net, c.x, c.y, c.loss)
      expectClose(`mlpBackward(net, x, y, '${c.loss}').gradients[k].W`, result?.gradients?.map((g) => g?.W), expected.gradients.map((g) => g.W), TF_TOL)
    }, { regions: netRegions })
  })
  graded('mlpBackward.biases', 'the gradient of every b agrees with tf.grads (δ summed over the examples of the batch)', () => {
    usingTf()
    forAll({ c: netCase() }, ({ c }) => {
      const result = student.mlpBackward(asLayers(c.net), c.x, c.y, c.loss)
      const expected = tfBackward(c.net, c.x, c.y, c.loss)
      expectClose(`mlpBackward(net, x, y, '${c.loss}').gradients[k].b`, result?.gradients?.map((g) => g?.b), expected.gradients.map((g) => g.b), TF_TOL)
    }, { regions: netRegions })
  })
})

describe('paramCount(sizes)', () => {
  graded('paramCount.lecture', "the lecture's model.summary(): [2, 25, 25, 1] has 75 + 650 + 26 = 751 parameters", () => {
    expectEqual('paramCount([2, 25, 25, 1])', student.paramCount([2, 25, 25, 1]), 751)
    expectEqual('paramCount([784, 10])', student.paramCount([784, 10]), 7850)
    expectEqual('paramCount([784, 128, 128, 128, 10])', student.paramCount([784, 128, 128, 128, 10]), 134794)
  })
  graded('paramCount.matchesTf', 'paramCount(sizes) equals countParams() of a tf.sequential of Dense layers with those sizes', () => {
    usingTf()
    forAll({ sizes: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 5 }) }, ({ sizes }) => {
      const model = tf.sequential({ layers: sizes.slice(1).map((units, k) => tf.layers.dense({ units, ...(k === 0 ? { inputShape: [sizes[0]!] } : {}) })) })
      const expected = model.countParams()
      model.dispose()
      expectEqual(`paramCount(${JSON.stringify(sizes)})`, student.paramCount(sizes), expected)
    }, { numRuns: 30, regions: { 'one layer (two sizes)': region(1, ({ sizes }) => sizes.length === 2), 'four layers': region(1, ({ sizes }) => sizes.length === 5), 'a size of 1': region(1, ({ sizes }) => sizes.includes(1)) }, examples: [{ sizes: [3, 1, 4, 2, 5] }, { sizes: [7, 1] }] })
  })
})

// ---- training from scratch ----

/** The circles (feature_extraction1): class 1 inside radius 2, class 0 in the ring 3–5. A fixed split. */
function circles(): { train: { x: Matrix; y: Matrix }; test: { x: Matrix; labels: number[] } } {
  const { train, test } = fixedSplit(loadDataset('feature_extraction1').rows, 200, 81)
  return {
    train: { x: train.map((r) => [r[0]!, r[1]!]), y: train.map((r) => [r[2]!]) },
    test: { x: test.map((r) => [r[0]!, r[1]!]), labels: test.map((r) => r[2]!) },
  }
}

/** The lecture's 2-25-25-1 network with relu, plain mini-batch SGD: the budget every test run uses. */
const CIRCLES_BUDGET = { hidden: [25, 25], activation: 'relu', output: 'sigmoid', loss: 'binaryCrossentropy', learningRate: 0.05, epochs: 15, batchSize: 20 } as const
/**
 * Chance is 50%. With this budget the answer key reaches 100%, and so do other common
 * initializations (uniform ±0.1 or ±0.5, He normal); a network that does not learn stays near 50%.
 */
const CIRCLES_BAR = 0.95

describe('trainMLP(x, y, options)', () => {
  graded('trainMLP.circles', 'trainMLP learns the circles (2-25-25-1, relu, SGD): at least 95% held-out accuracy', () => {
    const data = circles()
    const result = student.trainMLP(data.train.x, data.train.y, { ...CIRCLES_BUDGET, hidden: [...CIRCLES_BUDGET.hidden], rng: createRng(2024) })
    const history = Array.isArray(result?.history) ? result.history.map(Number) : []
    recordPlot({ kind: 'curves', title: 'trainMLP on the circles: training loss per epoch', xLabel: 'epoch', yLabel: 'binary cross-entropy', series: [{ name: 'your trainMLP', values: history }] })
    expectTrue(history.length === CIRCLES_BUDGET.epochs && history.every(Number.isFinite), `history must hold one finite loss per epoch (${CIRCLES_BUDGET.epochs})`, {
      expected: prose(`${CIRCLES_BUDGET.epochs} finite numbers`),
      actual: result?.history,
    })
    expectTrue(history[history.length - 1]! < history[0]!, 'the training loss did not go down from the first epoch to the last', { expected: prose(`below ${history[0]}`), actual: history[history.length - 1] })
    const out = forward64(result.net as Layer[], data.test.x).out
    const accuracy = out.filter((row, i) => (row[0]! > 0.5 ? 1 : 0) === data.test.labels[i]).length / out.length
    expectTrue(accuracy >= CIRCLES_BAR, `held-out accuracy ${(100 * accuracy).toFixed(1)}% is below ${100 * CIRCLES_BAR}%`, { expected: prose(`≥ ${CIRCLES_BAR}`), actual: accuracy })
  })
  graded('trainMLP.reproducible', 'trainMLP takes its randomness from rng: the same seed gives the same network', () => {
    const data = circles()
    const options = { ...CIRCLES_BUDGET, hidden: [4], epochs: 2 }
    const first = student.trainMLP(data.train.x, data.train.y, { ...options, rng: createRng(5) })
    const second = student.trainMLP(data.train.x, data.train.y, { ...options, rng: createRng(5) })
    expectEqual('trainMLP(x, y, { …, rng: createRng(5) }).net, twice', second?.net, first?.net)
    const other = student.trainMLP(data.train.x, data.train.y, { ...options, rng: createRng(6) })
    expectTrue(JSON.stringify(other?.net) !== JSON.stringify(first?.net), 'two different seeds gave exactly the same network: are the initial weights drawn with rng?', {
      expected: prose('different initial weights for createRng(5) and createRng(6)'),
      actual: prose('identical networks'),
    })
    // Every epoch shuffles the examples with rng, so more epochs draw more numbers from it (at least
    // one per epoch, however the permutation is drawn).
    const draws = (epochs: number) => {
      let count = 0
      const base = createRng(7)
      student.trainMLP(data.train.x.slice(0, 20), data.train.y.slice(0, 20), { ...options, epochs, rng: () => (count++, base()) })
      return count
    }
    const one = draws(1)
    const three = draws(3)
    expectTrue(three >= one + 2, `trainMLP drew ${one} numbers from rng with 1 epoch and ${three} with 3 epochs: shuffle the examples with rng at the start of every epoch`, {
      expected: prose(`at least ${one + 2} draws for 3 epochs`),
      actual: three,
    })
  })
})

describe('trainMLP: the loss history', () => {
  graded('trainMLP.history', "history[e] is the epoch's mean training loss: with a learning rate too small to move the weights, it is the loss of the returned network on all of x", () => {
    const data = circles()
    const x = data.train.x.slice(0, 20)
    const y = data.train.y.slice(0, 20)
    // 4 batches of 5: equal batch sizes, so the mean of the batch losses and the mean weighted by
    // batch size are the same number. With η = 1e-12 the 8 steps move each of the 13 weights by
    // at most 8·1e-12·|g| (|g| < 50 here), which changes the loss by less than 1e-7; the tolerance
    // 1e-5 leaves a margin. A history that sums the batch losses, or divides them by the batch size
    // once too often, is off by a factor of 4 or 25.
    const result = student.trainMLP(x, y, { hidden: [3], activation: 'tanh', output: 'sigmoid', loss: 'binaryCrossentropy', learningRate: 1e-12, epochs: 2, batchSize: 5, rng: createRng(3) })
    const p = forward64(result.net as Layer[], x).out
    const loss = -p.reduce((s, row, i) => s + row.reduce((t, pij, j) => {
      const yij = y[i]![j]!
      return t + yij * Math.log(pij) + (1 - yij) * Math.log(1 - pij)
    }, 0), 0) / (p.length * p[0]!.length)
    expectClose('trainMLP(20 examples, …, { learningRate: 1e-12, epochs: 2, batchSize: 5 }).history', result?.history, [loss, loss], { abs: 1e-5, rel: 0 })
  })
  graded('trainMLP.shortBatches', 'the edges of the batch loop: a batch size above n is one full-batch step per epoch, and a short last batch counts in the history by its size', () => {
    const data = circles()
    // 1. Six examples, batches of 10: each epoch is one step on all six. Two runs from the same seed
    // (the same initial network θ₀) with rates η and 2η end at θ₀ − η·g and θ₀ − 2η·g, so
    // θ₀ = 2A − C and g = (A − C)/η; g must be the gradient of the loss on all six at θ₀
    // (tf.grads, float32: TF_TOL). A loop that only takes full batches never steps (A = C).
    const x6 = data.train.x.slice(0, 6)
    const y6 = data.train.y.slice(0, 6)
    const eta = 0.05
    const options = { hidden: [3], activation: 'tanh', output: 'sigmoid', loss: 'binaryCrossentropy', epochs: 1, batchSize: 10 } as const
    const A = student.trainMLP(x6, y6, { ...options, hidden: [3], learningRate: eta, rng: createRng(11) })?.net as Layer[]
    const C = student.trainMLP(x6, y6, { ...options, hidden: [3], learningRate: 2 * eta, rng: createRng(11) })?.net as Layer[]
    const shapeOk = Array.isArray(A) && Array.isArray(C) && A.length === 2 && C.length === 2
    expectTrue(shapeOk, 'trainMLP(6 examples, { hidden: [3], batchSize: 10 }) must return a network of two layers', { expected: prose('net: [hidden layer, output layer]'), actual: prose(JSON.stringify(A).slice(0, 200)) })
    const combine = (f: (a: number, c: number) => number) => A.map((layer, k) => ({ ...layer, W: layer.W.map((row, i) => row.map((a, j) => f(a, C[k]!.W[i]![j]!))), b: layer.b.map((a, j) => f(a, C[k]!.b[j]!)) }))
    const start = combine((a, c) => 2 * a - c)
    const step = combine((a, c) => (a - c) / eta)
    const moved = step.some((l) => l.b.some((v) => v !== 0) || l.W.some((row) => row.some((v) => v !== 0)))
    expectTrue(moved, 'with 6 examples and batchSize 10, trainMLP did not change the network at all: the one batch of an epoch may be shorter than batchSize (here all 6 examples), and it must be used', {
      expected: prose('one step per epoch on all 6 examples'),
      actual: prose('no step (the rate made no difference)'),
    })
    const g = tfBackward(start.map((l, k) => ({ ...l, activation: A[k]!.activation })), x6, y6, 'binaryCrossentropy').gradients
    expectClose('the step of one epoch with batchSize 10 > n = 6, divided by −η (it should be the gradient on all 6 examples)', step.map((l) => ({ W: l.W, b: l.b })), g.map((l) => ({ W: l.W, b: l.b })), TF_TOL)
    // 2. Seven examples, batches of 5: a batch of 5 and a short one of 2. As in trainMLP.history, a
    // rate of 1e-12 keeps the weights where they are, so the epoch's loss, the mean of the batch
    // losses weighted by their sizes, is the loss of the returned network on all seven. Dropping the
    // short batch gives the loss on five of them; an unweighted mean of the two batch losses is off too.
    const x7 = data.train.x.slice(0, 7)
    const y7 = data.train.y.slice(0, 7)
    const result = student.trainMLP(x7, y7, { ...options, hidden: [3], learningRate: 1e-12, epochs: 2, batchSize: 5, rng: createRng(4) })
    const p = forward64(result.net as Layer[], x7).out
    const loss = -p.reduce((sum, row, i) => sum + row.reduce((t, pij, j) => {
      const yij = y7[i]![j]!
      return t + yij * Math.log(pij) + (1 - yij) * Math.log(1 - pij)
    }, 0), 0) / (p.length * p[0]!.length)
    expectClose('trainMLP(7 examples, …, { learningRate: 1e-12, epochs: 2, batchSize: 5 }).history (a batch of 5, then a short one of 2)', result?.history, [loss, loss], { abs: 1e-5, rel: 0 })
  })
})

describe('bad input and side effects', () => {
  graded('dense.badInput', 'mismatched shapes, empty input, non-finite numbers, unknown names and bad training options are refused with a RangeError', () => {
    const W = [[1, 0], [0, 1]]
    expectThrows('denseForward([[1, 2, 3]], W (2 × 2), [0, 0])', () => student.denseForward([[1, 2, 3]], W, [0, 0]))
    // W with more rows than x has columns: code that never compares the two reads W[0] only and returns a number.
    expectThrows('denseForward([[1]], W (2 × 2), [0, 0])', () => student.denseForward([[1]], W, [0, 0]))
    expectThrows('denseForward([[1, 2]], W (2 × 2), [0, 0, 0])', () => student.denseForward([[1, 2]], W, [0, 0, 0]))
    expectThrows('denseForward([], W, b)', () => student.denseForward([], W, [0, 0]))
    expectThrows('denseForward([[]], W, b) (a row without columns)', () => student.denseForward([[]], W, [0, 0]))
    expectThrows('denseForward([[1, 2], [3]], W, b) (ragged x)', () => student.denseForward([[1, 2], [3]], W, [0, 0]))
    expectThrows('denseForward([[1, 2]], [[1, 0], [0]], b) (ragged W)', () => student.denseForward([[1, 2]], [[1, 0], [0]], [0, 0]))
    expectThrows('denseForward([[1, NaN]], W, b)', () => student.denseForward([[1, NaN]], W, [0, 0]))
    expectThrows('denseForward([[1, 2]], W, [0, NaN])', () => student.denseForward([[1, 2]], W, [0, NaN]))
    expectThrows('softmax([])', () => student.softmax([]))
    expectThrows('softmax([1, NaN])', () => student.softmax([1, NaN]))
    expectThrows('paramCount([2])', () => student.paramCount([2]))
    expectThrows('paramCount([2, 0, 1])', () => student.paramCount([2, 0, 1]))
    const net: student.Mlp = [{ W: [[1, 2]], b: [0, 0], activation: 'relu' }, { W: [[1], [1], [1]], b: [0], activation: 'sigmoid' }]
    expectThrows('mlpForward(net whose second W has 3 rows after a layer of 2 units, x)', () => student.mlpForward(net, [[1]]))
    expectThrows('mlpForward([], x) (a network without layers)', () => student.mlpForward([], [[1]]))
    const good: student.Mlp = [{ W: [[1, 2]], b: [0, 0], activation: 'relu' }, { W: [[1], [1]], b: [0], activation: 'sigmoid' }]
    const unknown = [good[0]!, { ...good[1]!, activation: 'swish' }] as unknown as student.Mlp
    expectThrows("mlpForward(net whose second layer's activation is 'swish', x)", () => student.mlpForward(unknown, [[1]]))
    expectThrows('mlpBackward(net, x with 2 rows, y with 3 rows)', () => student.mlpBackward(good, [[1], [2]], [[0], [1], [1]], 'binaryCrossentropy'))
    expectThrows('mlpBackward(net with 1 output, x, y with 2 columns)', () => student.mlpBackward(good, [[1], [2]], [[0, 1], [1, 0]], 'binaryCrossentropy'))
    expectThrows("mlpBackward(net, x, y, 'mse') (Keras's name; here it is 'meanSquaredError')", () => student.mlpBackward(good, [[1], [2]], [[0], [1]], 'mse' as student.Loss))
    // Small data and one hidden unit, so a trainMLP that does not check its options still returns quickly.
    const x = [[0], [1], [2], [3]]
    const y = [[0], [1], [0], [1]]
    const options: student.TrainOptions = { hidden: [1], activation: 'relu', output: 'sigmoid', loss: 'binaryCrossentropy', learningRate: 0.1, epochs: 1, batchSize: 2, rng: createRng(1) }
    // y longer than x: a trainMLP that draws its batches from x alone would never look at y[4].
    expectThrows('trainMLP(x with 4 rows, y with 5 rows, …)', () => student.trainMLP(x, [...y, [1]], { ...options, rng: createRng(1) }))
    // batchSize 2.5 before 0: a trainMLP that checks nothing fails here instead of looping forever on 0.
    for (const [key, value] of [['learningRate', 0], ['learningRate', -0.1], ['learningRate', Infinity], ['epochs', 0], ['epochs', 1.5], ['batchSize', 2.5], ['batchSize', 0]] as const) {
      expectThrows(`trainMLP(x, y, { …, ${key}: ${value} })`, () => student.trainMLP(x, y, { ...options, [key]: value, rng: createRng(1) }))
    }
  })
  graded('dense.messagesSayWhat', "a refusal names the argument at fault (x, W, b, y), in a network also the layer (layer 2's W, or net[1].W), and an unknown name", () => {
    const W = [[1, 0], [0, 1]]
    const good: student.Mlp = [{ W: [[1, 2]], b: [0, 0], activation: 'relu' }, { W: [[1], [1]], b: [0], activation: 'sigmoid' }]
    const second = (layer: Partial<student.DenseLayer>) => [good[0]!, { ...good[1]!, ...layer }] as unknown as student.Mlp
    const options: student.TrainOptions = { hidden: [1], activation: 'relu', output: 'sigmoid', loss: 'binaryCrossentropy', learningRate: 0.1, epochs: 1, batchSize: 2, rng: createRng(1) }
    const word = namesWord
    /** The second layer, counted from 1 ("layer 2") or indexed from 0 ("net[1]"). */
    const layer2 = (text: string) => /layer\s*#?\s*2([^0-9]|$)|\[1\]|second layer/i.test(text)
    const both = (a: (t: string) => boolean, b: (t: string) => boolean) => (text: string) => a(text) && b(text)
    const cases: Array<[string, () => unknown, (text: string) => boolean, string]> = [
      ['denseForward([[1, 2], [3]], W, b)', () => student.denseForward([[1, 2], [3]], W, [0, 0]), word('x'), 'x'],
      ['denseForward([[1, 2]], [[1, 0], [0]], b)', () => student.denseForward([[1, 2]], [[1, 0], [0]], [0, 0]), word('W'), 'W'],
      ['denseForward([[1]], W (2 × 2), b)', () => student.denseForward([[1]], W, [0, 0]), word('W'), 'W'],
      ['denseForward([[1, 2]], W, [0, NaN])', () => student.denseForward([[1, 2]], W, [0, NaN]), word('b'), 'b'],
      ['mlpForward(net, [[1], []])', () => student.mlpForward(good, [[1], []]), word('x'), 'x'],
      ["mlpForward(net whose second W is [[1], []], x)", () => student.mlpForward(second({ W: [[1], []] }), [[1]]), both(word('W'), layer2), "the second layer's W"],
      ['mlpForward(net whose second W has 3 rows after 2 units, x)', () => student.mlpForward(second({ W: [[1], [1], [1]] }), [[1]]), both(word('W'), layer2), "the second layer's W"],
      ['mlpForward(net whose second b is [0, 0], x)', () => student.mlpForward(second({ b: [0, 0] }), [[1]]), both(word('b'), layer2), "the second layer's b"],
      ["mlpForward(net whose second activation is 'swish', x)", () => student.mlpForward(second({ activation: 'swish' as student.Activation }), [[1]]), both((t) => t.includes('swish'), layer2), "the second layer and 'swish'"],
      ['mlpBackward(net, x, [[0], []], …)', () => student.mlpBackward(good, [[1], [2]], [[0], []], 'binaryCrossentropy'), word('y'), 'y'],
      ['mlpBackward(net with 1 output, x, y with 2 columns, …)', () => student.mlpBackward(good, [[1], [2]], [[0, 1], [1, 0]], 'binaryCrossentropy'), word('y'), 'y'],
      ["mlpBackward(net, x, y, 'mse')", () => student.mlpBackward(good, [[1], [2]], [[0], [1]], 'mse' as student.Loss), (t) => t.includes('mse'), "'mse'"],
      ['trainMLP([[0], []], y, …)', () => student.trainMLP([[0], []], [[0], [1]], { ...options, rng: createRng(1) }), word('x'), 'x'],
      ['trainMLP(x, [[0], []], …)', () => student.trainMLP([[0], [1]], [[0], []], { ...options, rng: createRng(1) }), word('y'), 'y'],
    ]
    for (const [what, call, names, name] of cases) expectThrowsNaming(what, call, names, name)
  })
  graded('dense.argumentsUnchanged', 'denseForward, softmax, mlpForward, mlpBackward and trainMLP leave their arguments unchanged', () => {
    const x = [[0.5, -1], [2, 0.25]]
    const net: student.Mlp = [{ W: [[0.5, -0.25], [0.75, 1]], b: [0.1, -0.1], activation: 'tanh' }, { W: [[1], [-1]], b: [0.2], activation: 'sigmoid' }]
    const y = [[1], [0]]
    expectArgumentsUnchanged('denseForward', [x, net[0]!.W, net[0]!.b], (a, W, b) => student.denseForward(a as Matrix, W as Matrix, b as number[]))
    expectArgumentsUnchanged('softmax', [[3, 1, 2]], (z) => student.softmax(z as number[]))
    expectArgumentsUnchanged('softmaxJacobian', [[3, 1, 2]], (z) => student.softmaxJacobian(z as number[]))
    expectArgumentsUnchanged('mlpForward', [net, x], (n, a) => student.mlpForward(n as student.Mlp, a as Matrix))
    expectArgumentsUnchanged('mlpBackward', [net, x, y], (n, a, t) => student.mlpBackward(n as student.Mlp, a as Matrix, t as Matrix, 'binaryCrossentropy'))
    expectArgumentsUnchanged('trainMLP', [x, y, [3]], (a, t, hidden) =>
      student.trainMLP(a as Matrix, t as Matrix, { ...CIRCLES_BUDGET, hidden: hidden as number[], epochs: 1, batchSize: 1, rng: createRng(1) }))
  })
})

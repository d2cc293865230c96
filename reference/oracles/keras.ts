// Grading a Keras-style model (08 buildModel/buildMnistModel, 09 buildCnn): check its shape, give
// it seeded weights, train it on a fixed budget with seeded batches, and measure held-out accuracy.
//
// Why the weights are re-drawn: TensorFlow.js's initializers take their randomness from
// Math.random unless each layer is given a seed, and the course cannot seed Math.random (it is
// frozen while tests run). So before training, every kernel is re-drawn from the course's seeded
// generator with Keras's default initializer, glorot_uniform; biases, frozen (non-trainable) layers
// and other weights keep the values their layers gave them (zeros and ones for the usual layers,
// which are not random). Batches
// are drawn from a seeded shuffle too, so a model trains the same way on every run.
import * as tf from '../public/tf.ts'
import { createRng, shuffled, type Rng } from '../public/rng.ts'

export interface Budget {
  /** Passes over the training set. */
  epochs: number
  batchSize: number
  /** Seeds the kernels and the batch order; fixed per test, not per grading run. */
  seed: number
}

/** Data for classification: `x` is [n, ...inputShape]; `labels` the class of each example. */
export interface Labelled {
  x: tf.Tensor
  labels: number[]
}

export interface TrainingRecord {
  /** Training loss of each mini-batch, in order. */
  batchLoss: number[]
  /** Mean training loss of each epoch (as Keras reports it). */
  trainLoss: number[]
  /** Held-out loss and accuracy after each epoch. */
  heldOutLoss: number[]
  heldOutAccuracy: number[]
  /** Held-out accuracy after the last epoch. */
  accuracy: number
}

/** One line per layer, like model.summary(): for failure messages. */
export function describeModel(model: tf.LayersModel): string {
  return model.layers.map((l) => `${l.getClassName()}${JSON.stringify(l.outputShape).replaceAll('null', 'None')} ${l.countParams()} params`).join('; ')
}

/** The name of the model's loss ('binaryCrossentropy', 'sparseCategoricalCrossentropy', …). */
function lossName(model: tf.LayersModel): string {
  const loss = Array.isArray(model.loss) ? model.loss[0] : model.loss
  return typeof loss === 'string' ? loss : typeof loss === 'function' ? loss.name : String(loss)
}

/** Targets in the form the model's loss wants: 0/1 for one sigmoid unit, class indices for a sparse loss, one-hot otherwise. */
export function targetsFor(model: tf.LayersModel, labels: number[], classes: number): tf.Tensor {
  if (classes === 2 && model.outputs[0]!.shape[1] === 1) return tf.tensor2d(labels, [labels.length, 1])
  if (/sparse/i.test(lossName(model))) return tf.tensor2d(labels, [labels.length, 1])
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat())
}

/** Re-draws every trainable kernel with glorot_uniform from `rng` (see the header); other weights are kept. */
export function seedKernels(model: tf.LayersModel, rng: Rng): void {
  for (const layer of model.layers) {
    const weights = layer.weights
    if (weights.length === 0) continue
    const values = layer.getWeights()
    let changed = false
    const next = values.map((value, i) => {
      const name = weights[i]!.originalName ?? weights[i]!.name
      // A frozen layer keeps the weights its initializer gave it: that was the model's choice.
      if (!/kernel$/.test(name) || value.shape.length < 2 || !layer.trainable || !weights[i]!.trainable) return value
      const shape = value.shape
      const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1)
      const fanIn = shape[shape.length - 2]! * receptive
      const fanOut = shape[shape.length - 1]! * receptive
      const limit = Math.sqrt(6 / (fanIn + fanOut))
      changed = true
      return tf.tensor(Float32Array.from({ length: value.size }, () => (2 * rng() - 1) * limit), shape)
    })
    if (changed) layer.setWeights(next)
  }
}

function accuracyOf(probabilities: tf.Tensor, labels: number[]): number {
  const p = probabilities.arraySync() as number[][]
  let right = 0
  p.forEach((row, i) => {
    const predicted = row.length === 1 ? (row[0]! > 0.5 ? 1 : 0) : row.indexOf(Math.max(...row))
    if (predicted === labels[i]) right++
  })
  return right / labels.length
}

/**
 * Trains `model` on `train` for exactly `budget.epochs` passes of seeded mini-batches (trainOnBatch)
 * and evaluates it on `heldOut` after each epoch.
 */
export async function trainOnBudget(model: tf.LayersModel, train: Labelled, heldOut: Labelled, classes: number, budget: Budget): Promise<TrainingRecord> {
  const rng = createRng(budget.seed)
  seedKernels(model, rng)
  const n = train.labels.length
  const yTrain = targetsFor(model, train.labels, classes)
  const yHeld = targetsFor(model, heldOut.labels, classes)
  const record: TrainingRecord = { batchLoss: [], trainLoss: [], heldOutLoss: [], heldOutAccuracy: [], accuracy: 0 }
  const all = Array.from({ length: n }, (_, i) => i)
  try {
    for (let epoch = 0; epoch < budget.epochs; epoch++) {
      const order = shuffled(all, rng)
      let total = 0
      for (let start = 0; start < n; start += budget.batchSize) {
        const batch = order.slice(start, start + budget.batchSize)
        const idx = tf.tensor1d(batch, 'int32')
        const xb = tf.gather(train.x, idx)
        const yb = tf.gather(yTrain, idx)
        const out = await model.trainOnBatch(xb, yb)
        tf.dispose([idx, xb, yb])
        const loss = Array.isArray(out) ? out[0]! : out
        record.batchLoss.push(loss)
        total += loss * batch.length
      }
      record.trainLoss.push(total / n)
      const predictions = tf.tidy(() => model.predict(heldOut.x) as tf.Tensor)
      const heldLoss = tf.tidy(() => {
        const p = predictions.clipByValue(1e-7, 1 - 1e-7)
        return predictions.shape[1] === 1
          ? tf.neg(tf.mean(tf.add(tf.mul(yHeld, tf.log(p)), tf.mul(tf.sub(1, yHeld), tf.log(tf.sub(1, p))))))
          : tf.neg(tf.mean(tf.sum(tf.mul(yHeld.shape[1] === 1 ? tf.oneHot(yHeld.reshape([-1]).toInt(), classes) : yHeld, tf.log(p)), 1)))
      })
      record.heldOutLoss.push(heldLoss.dataSync()[0]!)
      record.heldOutAccuracy.push(accuracyOf(predictions, heldOut.labels))
      tf.dispose([predictions, heldLoss])
    }
  } finally {
    tf.dispose([yTrain, yHeld])
  }
  record.accuracy = record.heldOutAccuracy[record.heldOutAccuracy.length - 1] ?? 0
  return record
}

/** Multiply-adds of one forward pass of one example, from each layer's output shape (Dense and Conv2D). */
export function multiplyAdds(model: tf.LayersModel): number {
  let total = 0
  for (const layer of model.layers) {
    const out = layer.outputShape as (number | null)[]
    const kernel = layer.weights.find((w) => /kernel$/.test(w.originalName ?? w.name))
    if (!kernel) continue
    const shape = kernel.shape as number[]
    if (shape.length === 4) {
      // Conv2D: each output cell of each filter is an inner product of kh·kw·cin terms.
      total += (out[1] ?? 1) * (out[2] ?? 1) * shape.reduce((a, b) => a * b, 1)
    } else if (shape.length === 2) {
      const positions = out.slice(1, -1).reduce<number>((a, b) => a * (b ?? 1), 1)
      total += positions * shape[0]! * shape[1]!
    } else {
      total += shape.reduce((a, b) => a * b, 1)
    }
  }
  return total
}

/** The course's fixed held-out split of a labelled data set, by a fixed seed. */
export function fixedSplit<T>(items: T[], heldOut: number, seed: number): { train: T[]; test: T[] } {
  const order = shuffled(items, createRng(seed))
  return { train: order.slice(heldOut), test: order.slice(0, heldOut) }
}

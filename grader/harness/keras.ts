// The harness's checks of a Keras-style model a student's function returned (08 buildModel and
// buildMnistModel, 09 buildCnn): its shapes, that it is compiled, that it outputs probabilities.
// A module of its own, not in the harness's index: it loads TensorFlow.js, which the other topics'
// test processes need not load.
import * as tf from '../../reference/public/tf.ts'
import { Mismatch } from './assert.ts'
import { prose } from './show.ts'

/** The model must be a compiled tf.LayersModel with these input and output shapes (batch axis left out). */
export function expectModel(what: string, model: unknown, input: number[], output: number[]): asserts model is tf.LayersModel {
  if (!(model instanceof tf.LayersModel)) {
    throw new Mismatch(`${what} must return a TensorFlow.js layers model (tf.sequential() or tf.model())`, prose('a tf.LayersModel'), model)
  }
  const inShape = model.inputs.map((t) => t.shape)
  const outShape = model.outputs.map((t) => t.shape)
  const expectedIn = [[null, ...input]]
  const expectedOut = [[null, ...output]]
  if (JSON.stringify(inShape) !== JSON.stringify(expectedIn)) {
    throw new Mismatch(`${what}: the model's input shape is wrong`, prose(`one input of shape [null, ${input.join(', ')}]`), prose(JSON.stringify(inShape)))
  }
  if (JSON.stringify(outShape) !== JSON.stringify(expectedOut)) {
    throw new Mismatch(`${what}: the model's output shape is wrong`, prose(`one output of shape [null, ${output.join(', ')}]`), prose(JSON.stringify(outShape)))
  }
  if (model.optimizer == null || model.loss == null) {
    throw new Mismatch(`${what}: the model is not compiled; call model.compile({ optimizer, loss, metrics }) before returning it`, prose('a compiled model'), prose('no optimizer or loss'))
  }
}

/** The model's outputs must be probabilities: in [0, 1], and summing to 1 across several classes. */
export function expectProbabilities(what: string, model: tf.LayersModel, x: tf.Tensor): void {
  const p = tf.tidy(() => model.predict(x) as tf.Tensor).arraySync() as number[][]
  const bad = p.findIndex((row) => row.some((v) => !(v >= 0 && v <= 1)) || (row.length > 1 && Math.abs(row.reduce((s, v) => s + v, 0) - 1) > 1e-3))
  if (bad >= 0) {
    throw new Mismatch(
      `${what}: the model's outputs must be probabilities (a sigmoid unit, or a softmax over the classes); example ${bad} gives ${JSON.stringify(p[bad])}`,
      prose('values in [0, 1] (summing to 1 over the classes)'),
      p[bad],
    )
  }
}

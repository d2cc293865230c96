// Hidden tests: run when grading, left out of the student release (see manifest.json "hidden").
import { describe } from 'vitest'
import { expectClose, expectTrue, prose, topic } from '../../grader/harness'
import * as student from '@target/06-classification/classification'
import { blobs, trainSoftmaxRef } from '../../reference/oracles/classification'

const { graded } = topic(import.meta.url)

describe('softmax regression on three blobs', () => {
  graded('trainSoftmax.blobs', 'trainSoftmax separates three seeded blobs (120 points) and ends where the reference ends', () => {
    const { X, y } = blobs(606, 3, 40, 1)
    const opts = { learningRate: 0.5, epochs: 100 }
    const reference = trainSoftmaxRef(X, y, 3, opts)
    const result = student.trainSoftmax(X, y, 3, opts)
    // 100 stable steps (η times the largest curvature is below 2): rounding differences stay near 1e-13.
    expectClose('the trained { W, b }', { W: result.W, b: result.b }, { W: reference.W, b: reference.b }, { rel: 1e-8, abs: 1e-10 })
    const accuracy = result.history.at(-1)!.accuracy
    expectTrue(accuracy >= 0.95, `the final accuracy is ${accuracy}`, { expected: prose('at least 0.95 (the reference gets ' + reference.history.at(-1)!.accuracy + ')'), actual: accuracy })
  })
})

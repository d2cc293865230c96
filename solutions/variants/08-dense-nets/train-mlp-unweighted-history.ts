/**
 * trainMLP whose history is the plain mean of the batch losses, each batch counted once whatever its size.
 * With equal batches that is Keras's number; with a short last batch its loss weighs as much as a full one.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail trainMLP.shortBatches
 */
import type { Matrix, TrainOptions, TrainResult } from '../../08-dense-nets/dense.ts'
import { trainWith } from './_train-mlp-batch-loop.ts'

export * from '../../08-dense-nets/dense.ts'

export function trainMLP(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
  return trainWith(
    x,
    y,
    options,
    (order, size) => Array.from({ length: Math.ceil(order.length / size) }, (_, k) => order.slice(k * size, (k + 1) * size)),
    (losses) => losses.reduce((s, l) => s + l, 0) / losses.length,
  )
}

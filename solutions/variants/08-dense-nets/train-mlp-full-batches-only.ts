/**
 * trainMLP whose batch loop only takes full batches (start + batchSize ≤ n), dropping a short last one.
 * Every training set that is a multiple of batchSize trains as it should; with batchSize above n it
 * never takes a step at all, and a short last batch is never learnt from nor counted.
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
    (order, size) => {
      const out: number[][] = []
      for (let start = 0; start + size <= order.length; start += size) out.push(order.slice(start, start + size))
      return out
    },
    (losses, sizes) => losses.reduce((s, l, k) => s + l * sizes[k]!, 0) / sizes.reduce((s, n) => s + n, 0),
  )
}

/**
 * Early stopping that waits one epoch too many: it stops when the count exceeds patience.
 * @replaces 08-dense-nets/training.ts
 * @mustFail earlyStopping.matchesTf
 */
import type { EarlyStop } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function earlyStopping(valLosses: number[], patience: number, minDelta: number): EarlyStop {
  let best = Infinity
  let bestEpoch = 0
  let wait = 0
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    const loss = valLosses[epoch]!
    if (loss < best - minDelta) {
      best = loss
      bestEpoch = epoch
      wait = 0
    } else if (++wait > patience) {
      return { stopEpoch: epoch, bestEpoch }
    }
  }
  return { stopEpoch: null, bestEpoch }
}

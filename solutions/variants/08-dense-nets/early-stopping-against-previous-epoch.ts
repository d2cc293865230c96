/**
 * Early stopping that compares each loss with the previous epoch's instead of the best so far.
 * @replaces 08-dense-nets/training.ts
 * @mustFail earlyStopping.matchesTf
 */
import type { EarlyStop } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function earlyStopping(valLosses: number[], patience: number, minDelta: number): EarlyStop {
  let previous = Infinity
  let bestEpoch = 0
  let wait = 0
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    const loss = valLosses[epoch]!
    if (loss < previous - minDelta) {
      bestEpoch = epoch
      wait = 0
    } else if (++wait >= patience) {
      return { stopEpoch: epoch, bestEpoch }
    }
    previous = loss
  }
  return { stopEpoch: null, bestEpoch }
}

/**
 * binaryCrossEntropy that takes y for a hard label: −ln p when y ≥ 0.5, else −ln(1 − p).
 * Right for y = 0 and y = 1, the labels of most data; for a soft label such as y = 0.3 (a probability,
 * as the stub allows) the loss should be −[y ln p + (1 − y) ln(1 − p)].
 * @replaces 06-classification/classification.ts
 * @mustFail binaryCrossEntropy.formula
 */
import { binaryCrossEntropy as answer } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function binaryCrossEntropy(p: number, y: number): number {
  answer(p, y) // the answer key's checks of p and y
  return answer(p, y >= 0.5 ? 1 : 0)
}

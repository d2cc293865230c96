/**
 * logSoftmax as ln(softmax(z)): an underflowed probability gives ln 0 = −Infinity instead of, say, −1000.
 * @replaces 06-classification/classification.ts
 * @mustFail logSoftmax.extreme
 */
import { softmax } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function logSoftmax(z: readonly number[]): number[] {
  return softmax(z).map(Math.log)
}

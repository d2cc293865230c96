/**
 * The slides' cross-entropy: −e^y·p − e^(1−y)·(1 − p), which is not a cross-entropy (it is even negative).
 * @replaces 06-classification/classification.ts
 * @mustFail binaryCrossEntropy.tf binaryCrossEntropy.formula binaryCrossEntropy.laws
 */
export * from '../../06-classification/classification.ts'

export function binaryCrossEntropy(p: number, y: number): number {
  return -Math.exp(y) * p - Math.exp(1 - y) * (1 - p)
}

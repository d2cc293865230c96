/**
 * predict answering −1 for the negative class, as with labels ±1, while the data's labels are 0 and 1.
 * @replaces 06-classification/classification.ts
 * @mustFail predict.rule
 */
export * from '../../06-classification/classification.ts'

export function predict(w: readonly number[], b: number, x: readonly number[]): 0 | 1 {
  return (x.reduce((s, v, j) => s + v * w[j]!, b) >= 0 ? 1 : -1) as 0 | 1
}

/**
 * The gradient for labels ±1, mean(−y·σ(−y·z)·x), applied to labels 0/1: every row of class 0 drops out.
 * @replaces 06-classification/classification.ts
 * @mustFail logisticGradient.formula logisticGradient.tf
 */
import { sigmoid, type LogisticGradient } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function logisticGradient(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  const dw = w.map(() => 0)
  let db = 0
  X.forEach((x, i) => {
    const z = x.reduce((s, v, j) => s + v * w[j]!, b)
    const r = -y[i]! * sigmoid(-y[i]! * z)
    x.forEach((v, j) => (dw[j]! += r * v))
    db += r
  })
  return { dw: dw.map((v) => v / X.length), db: db / X.length }
}

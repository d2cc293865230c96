/**
 * Training that updates w first and then computes ∂L/∂b at the new w (the slip the lecture avoids with `last`).
 * @replaces 06-classification/classification.ts
 * @mustFail trainLogistic.steps trainLogistic.lecture
 */
import { accuracy, binaryCrossEntropy, logisticGradient, sigmoid, type LogisticResult, type LogisticStep, type TrainOptions } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  let w = opts.w0 ? opts.w0.slice() : X[0]!.map(() => 0)
  let b = opts.b0 ?? 0
  const loss = () => X.reduce((s, x, i) => s + binaryCrossEntropy(sigmoid(x.reduce((a, v, j) => a + v * w[j]!, b)), y[i]!), 0) / X.length
  const step = (): LogisticStep => ({ w: w.slice(), b, loss: loss(), accuracy: accuracy(w, b, X, y) })
  const history = [step()]
  for (let t = 0; t < opts.epochs; t++) {
    w = w.map((wj, j) => wj - opts.learningRate * logisticGradient(w, b, X, y).dw[j]!)
    b -= opts.learningRate * logisticGradient(w, b, X, y).db
    history.push(step())
  }
  return { w, b, history }
}

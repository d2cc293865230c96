/**
 * The gradient with 1/n in front, as in the slides' code: half the derivative of L = (1/n)·Σ(ŷ − y)².
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail mseGradient.numeric mseGradient.tfGrad
 */
import { mseGradient as answer, type Gradient } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function mseGradient(w: number, b: number, xs: number[], ys: number[]): Gradient {
  const g = answer(w, b, xs, ys)
  return { dw: g.dw / 2, db: g.db / 2 }
}

/**
 * logSoftmax as zᵢ − ln Σⱼ e^zⱼ without shifting by the largest zⱼ first.
 * Right for moderate scores; above 709 the sum overflows (−Infinity), and when every zⱼ is below −745 it
 * underflows to 0 (ln 0 = −Infinity, so every entry is +Infinity).
 * @replaces 06-classification/classification.ts
 * @mustFail logSoftmax.identity
 */
import { logSoftmax as answer } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function logSoftmax(z: readonly number[]): number[] {
  answer(z)
  const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0))
  return z.map((v) => v - lse)
}

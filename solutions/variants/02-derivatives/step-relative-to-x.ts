/**
 * A default step proportional to x, h = ∛ε·|x|, without the max(1, |x|): at x = 0 the step is 0.
 * f(x ± 0) − f(x ∓ 0) over 0 is NaN at x = 0 (and a coordinate 0 in the gradient); tiny |x| lose
 * every digit to rounding.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail numericDerivative.accurate gradient.values
 */
import { gradient as answerGradient, numericDerivative as answer, type RealFn, type ScalarField } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

const relativeStep = (x: number) => Math.cbrt(Number.EPSILON) * Math.abs(x)

export function numericDerivative(f: RealFn, x: number, h?: number): number {
  if (h !== undefined || !Number.isFinite(x)) return answer(f, x, h)
  const step = relativeStep(x)
  return (f(x + step) - f(x - step)) / (2 * step)
}

export function gradient(f: ScalarField, x: readonly number[], h?: number): number[] {
  if (h !== undefined || !Array.isArray(x) || x.length === 0 || !x.every(Number.isFinite)) return answerGradient(f, x, h)
  return x.map((xi, i) => {
    const step = relativeStep(xi)
    const right = x.slice()
    const left = x.slice()
    right[i] = xi + step
    left[i] = xi - step
    return (f(right) - f(left)) / (2 * step)
  })
}

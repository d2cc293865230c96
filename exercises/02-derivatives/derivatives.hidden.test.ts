// Hidden tests: run when grading, left out of the student release (see manifest.json "hidden").
import { describe } from 'vitest'
import { expectClose, topic } from '../../grader/harness'
import * as student from '@target/02-derivatives/derivatives'
import { type Expr, add, c, cos, evaluate, exp, log, mul, pow, show, sin, x } from '../../reference/public/expr'
import { DERIVE_TOL } from '../../reference/oracles/derivatives'

const { graded } = topic(import.meta.url)

describe('derive(expr), textbook derivatives', () => {
  graded('derive.textbook', 'textbook derivatives, against their closed forms: x²·sin x, e^(x²), ln(x² + 1), √x·cos x, sin(cos x), (3x + 1)⁴, 1/x, ln(eˣ)', () => {
    // Closed forms written by hand (not by mathjs), at points of [0.2, 3] where every value is
    // below 1e4 in size: rounding is below 1e-10, far inside DERIVE_TOL.
    const cases: [Expr, (t: number) => number][] = [
      [mul(pow(x, 2), sin(x)), (t) => 2 * t * Math.sin(t) + t * t * Math.cos(t)],
      [exp(pow(x, 2)), (t) => 2 * t * Math.exp(t * t)],
      [log(add(pow(x, 2), c(1))), (t) => (2 * t) / (t * t + 1)],
      [mul(pow(x, 0.5), cos(x)), (t) => 0.5 / Math.sqrt(t) * Math.cos(t) - Math.sqrt(t) * Math.sin(t)],
      [sin(cos(x)), (t) => -Math.sin(t) * Math.cos(Math.cos(t))],
      [pow(add(mul(c(3), x), c(1)), 4), (t) => 12 * (3 * t + 1) ** 3],
      [pow(x, -1), (t) => -1 / (t * t)],
      [log(exp(x)), () => 1],
    ]
    for (const [expr, slope] of cases) {
      const result = student.derive(expr)
      for (const at of [0.2, 0.5, 1, 1.7, 2.4, 3]) {
        expectClose(`derive(${show(expr)}) returned ${show(result)}; at x = ${at} its value`, evaluate(result, at), slope(at), DERIVE_TOL)
      }
    }
  })
})

// Hidden tests: run when grading, left out of the student release (see manifest.json "hidden").
import { describe } from 'vitest'
import { expectClose, topic } from '../../grader/harness'
import * as student from '@target/01-limits/limits'
import { described } from '../../reference/oracles/described'

const { graded } = topic(import.meta.url)

describe('limit(f, a), classic limits', () => {
  graded('limit.classics', 'textbook limits: (eˣ−1)/x, sin(3x)/x, (x³−8)/(x−2), (√x−1)/(x−1), x·sin(1/x)', () => {
    const cases: [(x: number) => number, string, number, number][] = [
      [(x) => Math.expm1(x) / x, 'x => (Math.exp(x) - 1) / x', 0, 1],
      [(x) => Math.sin(3 * x) / x, 'x => Math.sin(3*x) / x', 0, 3],
      [(x) => (x ** 3 - 8) / (x - 2), 'x => (x**3 - 8) / (x - 2)', 2, 12],
      [(x) => (Math.sqrt(x) - 1) / (x - 1), 'x => (Math.sqrt(x) - 1) / (x - 1)', 1, 0.5],
      [(x) => x * Math.sin(1 / x), 'x => x * Math.sin(1/x)', 0, 0],
    ]
    for (const [fn, text, a, L] of cases) {
      const f = described(fn, text)
      expectClose(`limit(${text}, ${a})`, student.limit(f, a), L, { abs: 1e-4, rel: 1e-4 })
    }
  })
})

import { describe } from 'vitest'
import fc from 'fast-check'
import { Mismatch, expectClose, expectThrows, expectTrue, forAll, prose, topic } from '../../grader/harness'
import * as student from '@target/01-limits/limits'
import {
  type DeltaFn, type RealFn, continuousCase, epsArb, findViolation, jumpCase, lectureCases, linearCase, linearCaseArb,
  oscillatingCase, poleCase, removableCase,
} from '../../reference/oracles/limits'
import { described } from '../../reference/oracles/described'
import { createRng } from '../../reference/public/rng'

const { graded } = topic(import.meta.url)

/** Limits are estimated numerically; the families tested are far from this tolerance's edge. */
const LIMIT_TOL = { abs: 1e-4, rel: 1e-4 }

/** δ must be a positive, finite number with no x in 0 < |x − a| < δ where |f(x) − L| ≥ ε. */
function expectValidDelta(what: string, f: RealFn, a: number, L: number, delta: unknown, eps: number): void {
  expectTrue(typeof delta === 'number' && delta > 0 && Number.isFinite(delta), `${what} must be a positive, finite number`, {
    expected: prose('a number δ with 0 < δ < Infinity'),
    actual: delta,
  })
  const x = findViolation(f, a, L, delta as number, eps)
  if (x !== null) {
    throw new Mismatch(
      `${what} = ${delta} is too large: x = ${x} lies within δ of a = ${a}, but |f(x) − L| is not below ε = ${eps}`,
      prose(`|f(x) − L| < ${eps}`),
      prose(`|f(x) − L| = ${Math.abs(f(x) - L)}`),
    )
  }
}

function expectAtLeast(what: string, delta: number, bound: number): void {
  expectTrue(delta >= bound * (1 - 1e-12), `${what} = ${delta} is smaller than it needs to be`, { expected: prose(`δ ≥ ${bound}`), actual: delta })
}

const sameA = fc
  .record({ m1: fc.integer({ min: -20, max: 20 }).filter((m) => m !== 0), k1: fc.integer({ min: -10, max: 10 }), m2: fc.integer({ min: -20, max: 20 }).filter((m) => m !== 0), k2: fc.integer({ min: -10, max: 10 }), a: fc.integer({ min: -10, max: 10 }) })
  .map(({ m1, k1, m2, k2, a }) => ({ f: linearCase(m1, k1, a), g: linearCase(m2, k2, a) }))

describe('limit(f, a)', () => {
  graded('limit.lecture', "the lecture's examples: (x²−4)/(x−2) → 4 as x → 2, and sin(x)/x → 1 as x → 0", () => {
    for (const { f, a, L } of lectureCases) expectClose(`limit(${f}, ${a})`, student.limit(f, a), L, LIMIT_TOL)
  })
  graded('limit.continuous', 'a continuous function: the limit is f(a)', () => {
    forAll({ input: continuousCase }, ({ input: { f, a, L } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), L, LIMIT_TOL))
  })
  graded('limit.removable', 'a removable singularity: (p(x) − p(a))/(x − a) → p′(a), although f(a) is 0/0', () => {
    forAll({ input: removableCase }, ({ input: { f, a, L } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), L, LIMIT_TOL))
  })
  graded('limit.valueAtA', 'the value f(a) itself plays no part in the limit', () => {
    forAll({ input: continuousCase, fake: fc.constantFrom(1000, -1000, NaN) }, ({ input: { f, a, L }, fake }) => {
      const g = described((x: number) => (x === a ? fake : f(x)), `x => x === ${a} ? ${fake} : (${f})(x)`)
      expectClose(`limit(g, ${a})`, student.limit(g, a), L, LIMIT_TOL)
    })
  })
  graded('limit.jump', 'a jump: the one-sided limits disagree, so the answer is NaN', () => {
    forAll({ input: jumpCase }, ({ input: { f, a } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), NaN))
  })
  graded('limit.pole', 'a pole such as 1/(x − a)²: the function diverges, so the answer is NaN', () => {
    forAll({ input: poleCase }, ({ input: { f, a } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), NaN))
  })
  graded('limit.oscillation', 'sin(c/(x − a)²) never settles, so the answer is NaN', () => {
    forAll({ input: oscillatingCase }, ({ input: { f, a } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), NaN), { numRuns: 50 })
  })
})

describe('δ for given ε', () => {
  const quotient = lectureCases[0]!
  graded('quotientDelta.valid', "quotientDelta(ε) proves the lecture's limit (x²−4)/(x−2) → 4", () => {
    forAll({ eps: epsArb }, ({ eps }) => expectValidDelta(`quotientDelta(${eps})`, quotient.f, 2, 4, student.quotientDelta(eps), eps))
  })
  graded('linearDelta.valid', 'linearDelta(m, ε) works for f(x) = m·x + c at any point', () => {
    forAll({ line: linearCaseArb(), eps: epsArb }, ({ line, eps }) =>
      expectValidDelta(`linearDelta(${line.m}, ${eps})`, line.f, line.a, line.L, student.linearDelta(line.m, eps), eps),
    )
  })
  graded('linearDelta.zeroSlope', 'linearDelta(0, ε): a constant function, any positive finite δ works', () => {
    forAll({ eps: epsArb, k: fc.integer({ min: -10, max: 10 }) }, ({ eps, k }) => {
      const line = linearCase(0, k, 1)
      expectValidDelta(`linearDelta(0, ${eps})`, line.f, line.a, line.L, student.linearDelta(0, eps), eps)
    })
  })
  graded('linearDelta.sharp', 'linearDelta(m, ε) is at least half the largest δ that works, ε/|m|', () => {
    forAll({ line: linearCaseArb(), eps: epsArb }, ({ line, eps }) =>
      expectAtLeast(`linearDelta(${line.m}, ${eps})`, student.linearDelta(line.m, eps), eps / Math.abs(line.m) / 2),
    )
  })
  graded('deltas.badInput', 'ε ≤ 0, δ ≤ 0 or a non-finite number is refused with a RangeError', () => {
    const rng = createRng(1)
    const f = lectureCases[0]!.f
    for (const bad of [0, -1, NaN, Infinity]) {
      expectThrows(`quotientDelta(${bad})`, () => student.quotientDelta(bad), [RangeError])
      expectThrows(`linearDelta(2, ${bad})`, () => student.linearDelta(2, bad), [RangeError])
      expectThrows(`findCounterexample(f, 2, 4, ${bad}, 0.1, rng)`, () => student.findCounterexample(f, 2, 4, bad, 0.1, rng), [RangeError])
      expectThrows(`findCounterexample(f, 2, 4, 0.1, ${bad}, rng)`, () => student.findCounterexample(f, 2, 4, 0.1, bad, rng), [RangeError])
    }
  })
})

describe('limit laws as δ-functions', () => {
  graded('sumRule.valid', 'sumRuleDelta(δf, δg) proves f + g → L + M (with tight δf and δg)', () => {
    forAll({ pair: sameA, eps: epsArb }, ({ pair: { f, g }, eps }) => {
      const sum = described((x: number) => f.f(x) + g.f(x), `x => (${f.f})(x) + (${g.f})(x)`)
      const delta: DeltaFn = student.sumRuleDelta(f.tightDelta, g.tightDelta)
      expectValidDelta(`sumRuleDelta(δf, δg)(${eps})`, sum, f.a, f.L + g.L, delta(eps), eps)
    })
  })
  graded('sumRule.notTooSmall', 'sumRuleDelta gives at least min(δf(ε/2), δg(ε/2)), the δ of the lecture', () => {
    forAll({ pair: sameA, eps: epsArb }, ({ pair: { f, g }, eps }) =>
      expectAtLeast(`sumRuleDelta(δf, δg)(${eps})`, student.sumRuleDelta(f.tightDelta, g.tightDelta)(eps), Math.min(f.tightDelta(eps / 2), g.tightDelta(eps / 2))),
    )
  })
  graded('scaleRule.valid', 'scaleRuleDelta(c, δf) proves c·f → c·L, for every c including 0 and negatives', () => {
    forAll({ line: linearCaseArb(), c: fc.integer({ min: -10, max: 10 }), eps: epsArb }, ({ line, c, eps }) => {
      const scaled = described((x: number) => c * line.f(x), `x => ${c} * (${line.f})(x)`)
      expectValidDelta(`scaleRuleDelta(${c}, δf)(${eps})`, scaled, line.a, c * line.L, student.scaleRuleDelta(c, line.tightDelta)(eps), eps)
    })
  })
  graded('scaleRule.notTooSmall', 'scaleRuleDelta(c, δf)(ε) is at least δf(ε/|c|)', () => {
    forAll({ line: linearCaseArb(), c: fc.integer({ min: -10, max: 10 }).filter((c) => c !== 0), eps: epsArb }, ({ line, c, eps }) =>
      expectAtLeast(`scaleRuleDelta(${c}, δf)(${eps})`, student.scaleRuleDelta(c, line.tightDelta)(eps), line.tightDelta(eps / Math.abs(c))),
    )
  })
  graded('productRule.valid', 'challenge: productRuleDelta(δf, δg, L, M) proves f·g → L·M', () => {
    forAll({ pair: sameA, eps: epsArb }, ({ pair: { f, g }, eps }) => {
      const product = described((x: number) => f.f(x) * g.f(x), `x => (${f.f})(x) * (${g.f})(x)`)
      const delta = student.productRuleDelta(f.tightDelta, g.tightDelta, f.L, g.L)(eps)
      expectValidDelta(`productRuleDelta(δf, δg, ${f.L}, ${g.L})(${eps})`, product, f.a, f.L * g.L, delta, eps)
    })
  })
  graded('productRule.notTooSmall', 'challenge: productRuleDelta is not needlessly small', () => {
    forAll({ pair: sameA, eps: epsArb }, ({ pair: { f, g }, eps }) => {
      const eta = Math.min(1, eps) / (100 * (1 + Math.abs(f.L) + Math.abs(g.L)))
      const delta = student.productRuleDelta(f.tightDelta, g.tightDelta, f.L, g.L)(eps)
      expectAtLeast(`productRuleDelta(δf, δg, ${f.L}, ${g.L})(${eps})`, delta, Math.min(f.tightDelta(eta), g.tightDelta(eta)))
    })
  })
})

describe('findCounterexample(f, a, L, δ, ε, rng)', () => {
  /** A δ 1.5 times too large: a third of the punctured interval violates |f(x) − L| < ε. */
  const tooLarge = fc.record({ line: linearCaseArb(), eps: epsArb, seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) })

  graded('findCounterexample.finds', 'when δ is too large, it returns an x that proves it', () => {
    forAll({ input: tooLarge }, ({ input: { line, eps, seed } }) => {
      const delta = 1.5 * line.tightDelta(eps)
      const x = student.findCounterexample(line.f, line.a, line.L, delta, eps, createRng(seed))
      expectTrue(typeof x === 'number', `findCounterexample found nothing although δ = ${delta} is too large`, { expected: prose('a number x'), actual: x })
      const ok = x !== line.a && Math.abs((x as number) - line.a) < delta && !(Math.abs(line.f(x as number) - line.L) < eps)
      expectTrue(ok, `x = ${x} is not a counterexample: it must satisfy 0 < |x − a| < δ and |f(x) − L| ≥ ε`, {
        expected: prose(`0 < |x − ${line.a}| < ${delta} and |f(x) − ${line.L}| ≥ ${eps}`),
        actual: { x, distance: Math.abs((x as number) - line.a), gap: Math.abs(line.f(x as number) - line.L) },
      })
    })
  })
  graded('findCounterexample.sound', 'when δ is valid it returns null (and it never offers x = a itself)', () => {
    forAll({ line: linearCaseArb(), eps: epsArb, seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }, ({ line, eps, seed }) => {
      // Slightly inside ε/|m|, so that rounding at the very edge cannot produce a "violation".
      const delta = line.tightDelta(eps) * (1 - 1e-6)
      const x = student.findCounterexample(line.f, line.a, line.L, delta, eps, createRng(seed))
      expectTrue(x === null, `findCounterexample returned ${x}, but δ = ${delta} is valid`, { expected: null, actual: x })
    })
    const { f } = lectureCases[0]!
    const x = student.findCounterexample(f, 2, 4, 0.25, 0.5, createRng(7))
    expectTrue(x === null, `findCounterexample((x²−4)/(x−2), 2, 4, 0.25, 0.5) returned ${x}: f(2) is 0/0 and x = a is excluded`, { expected: null, actual: x })
  })
  graded('findCounterexample.reproducible', 'the same rng seed gives the same answer (it uses rng, not Math.random)', () => {
    forAll({ input: tooLarge }, ({ input: { line, eps, seed } }) => {
      const delta = 1.5 * line.tightDelta(eps)
      const first = student.findCounterexample(line.f, line.a, line.L, delta, eps, createRng(seed))
      const second = student.findCounterexample(line.f, line.a, line.L, delta, eps, createRng(seed))
      expectTrue(Object.is(first, second), 'two runs with equally seeded rngs gave different answers', { expected: first, actual: second })
    }, { numRuns: 30 })
  })
})

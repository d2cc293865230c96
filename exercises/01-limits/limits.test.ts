import { describe } from 'vitest'
import fc from 'fast-check'
import { Mismatch, expectClose, expectThrows, expectTrue, forAll, prose, region, regionsOn, scaledFloors as scaledFloorsOf, topic, withoutRegions, type Regions } from '../../grader/harness'
import * as student from '@target/01-limits/limits'
import {
  type DeltaCase, type DeltaFn, type LinearCase, type PairCase, type RealFn, continuousCase, continuousRegions, curve, curvePair, deltaCaseArb, deltaCaseRegions,
  epsArb, epsRegions, findViolation, jumpCase, jumpRegions, lectureCases, linePair, linearCase, linearCaseArb, linearRegions, oscillatingCase, outerHalfCase,
  oscillatingRegions, pairArb, pairRegions, poleCase, poleRegions, removableCase, removableRegions,
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

/** `call` throws an error whose message matches `names` (the argument at fault). */
function expectMessage(what: string, call: () => unknown, names: RegExp): void {
  expectThrows(what, call, [RangeError])
  try {
    call()
  } catch (error) {
    const message = String((error as Error).message)
    expectTrue(names.test(message), `${what} threw, but its message does not say which argument is wrong`, {
      expected: prose(`a message mentioning ${names.source.split('|').join(' or ')}`),
      actual: prose(message),
    })
  }
}

/** The regions of a property over a line (or a pair of functions) and ε. */
const lineAndEps: Regions<{ line: LinearCase; eps: number }> = { ...regionsOn('line', linearRegions), ...regionsOn('eps', epsRegions) }
const pairAndEps: Regions<{ pair: PairCase; eps: number }> = { ...regionsOn('pair', pairRegions), ...regionsOn('eps', epsRegions) }

describe('limit(f, a)', () => {
  graded('limit.lecture', "the lecture's examples: (x²−4)/(x−2) → 4 as x → 2, and sin(x)/x → 1 as x → 0", () => {
    for (const { f, a, L } of lectureCases) expectClose(`limit(${f}, ${a})`, student.limit(f, a), L, LIMIT_TOL)
  })
  graded('limit.continuous', 'a continuous function: the limit is f(a)', () => {
    forAll({ input: continuousCase }, ({ input: { f, a, L } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), L, LIMIT_TOL), { regions: regionsOn('input', continuousRegions) })
  })
  graded('limit.removable', 'a removable singularity: (p(x) − p(a))/(x − a) → p′(a), although f(a) is 0/0', () => {
    forAll({ input: removableCase }, ({ input: { f, a, L } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), L, LIMIT_TOL), { regions: regionsOn('input', removableRegions) })
  })
  graded('limit.valueAtA', 'the value f(a) itself plays no part in the limit', () => {
    forAll({ input: continuousCase, fake: fc.constantFrom(1000, -1000, NaN) }, ({ input: { f, a, L }, fake }) => {
      const g = described((x: number) => (x === a ? fake : f(x)), `x => x === ${a} ? ${fake} : (${f})(x)`)
      expectClose(`limit(g, ${a})`, student.limit(g, a), L, LIMIT_TOL)
    }, {
      regions: {
        ...regionsOn('input', continuousRegions),
        'fake: f(a) = NaN': region(10, ({ fake }) => Number.isNaN(fake)),
        'fake: f(a) = ±1000': region(40, ({ fake }) => Math.abs(fake) === 1000),
      },
    })
  })
  graded('limit.jump', 'a jump: the one-sided limits disagree, so the answer is NaN', () => {
    forAll({ input: jumpCase }, ({ input: { f, a } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), NaN), { regions: regionsOn('input', jumpRegions) })
  })
  graded('limit.pole', 'a pole such as 1/(x − a)²: the function diverges, so the answer is NaN', () => {
    forAll({ input: poleCase }, ({ input: { f, a } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), NaN), { regions: regionsOn('input', poleRegions) })
  })
  graded('limit.oscillation', 'sin(c/(x − a)²) never settles, so the answer is NaN', () => {
    forAll({ input: oscillatingCase }, ({ input: { f, a } }) => expectClose(`limit(f, ${a})`, student.limit(f, a), NaN), { numRuns: 50, regions: regionsOn('input', oscillatingRegions) })
  })
})

describe('δ for given ε', () => {
  const quotient = lectureCases[0]!
  graded('quotientDelta.valid', "quotientDelta(ε) proves the lecture's limit (x²−4)/(x−2) → 4", () => {
    forAll({ eps: epsArb }, ({ eps }) => expectValidDelta(`quotientDelta(${eps})`, quotient.f, 2, 4, student.quotientDelta(eps), eps), { regions: regionsOn('eps', epsRegions) })
  })
  graded('linearDelta.valid', 'linearDelta(m, ε) works for f(x) = m·x + c at any point', () => {
    forAll({ line: linearCaseArb(), eps: epsArb }, ({ line, eps }) =>
      expectValidDelta(`linearDelta(${line.m}, ${eps})`, line.f, line.a, line.L, student.linearDelta(line.m, eps), eps),
    { regions: lineAndEps })
  })
  graded('linearDelta.zeroSlope', 'linearDelta(0, ε): a constant function, any positive finite δ works', () => {
    forAll({ eps: epsArb, k: fc.integer({ min: -10, max: 10 }) }, ({ eps, k }) => {
      const line = linearCase(0, k, 1)
      expectValidDelta(`linearDelta(0, ${eps})`, line.f, line.a, line.L, student.linearDelta(0, eps), eps)
    }, { regions: { ...regionsOn('eps', epsRegions), 'k ≠ 0': region(50, ({ k }) => k !== 0) } })
  })
  graded('linearDelta.sharp', 'linearDelta(m, ε) is at least half the largest δ that works, ε/|m|', () => {
    forAll({ line: linearCaseArb(), eps: epsArb }, ({ line, eps }) =>
      expectAtLeast(`linearDelta(${line.m}, ${eps})`, student.linearDelta(line.m, eps), eps / Math.abs(line.m) / 2),
    { regions: lineAndEps })
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
  graded('linearDelta.badSlope', 'linearDelta(m, ε) refuses a slope m that is NaN or infinite with a RangeError', () => {
    for (const bad of [NaN, Infinity, -Infinity]) expectThrows(`linearDelta(${bad}, 0.1)`, () => student.linearDelta(bad, 0.1), [RangeError])
  })
  graded('deltas.badInputNamed', "the RangeError's message names the argument at fault: ε (eps) or δ (delta)", () => {
    const rng = createRng(1)
    const f = lectureCases[0]!.f
    const EPS = /eps|ε|epsilon/i
    const DELTA = /delta|δ/i
    const cases: Array<[string, () => unknown, RegExp]> = [
      ['quotientDelta(-1)', () => student.quotientDelta(-1), EPS],
      ['linearDelta(2, 0)', () => student.linearDelta(2, 0), EPS],
      ['findCounterexample(f, 2, 4, -1, 0.1, rng)', () => student.findCounterexample(f, 2, 4, -1, 0.1, rng), DELTA],
      ['findCounterexample(f, 2, 4, 0.1, NaN, rng)', () => student.findCounterexample(f, 2, 4, 0.1, NaN, rng), EPS],
    ]
    for (const [what, call, names] of cases) expectMessage(what, call, names)
  })
})

describe('limit laws as δ-functions', () => {
  // The δ-functions handed over are tight, and not only those of lines: for a line δ(ε)/2 is δ(ε/2),
  // so halving δ instead of ε would pass on lines alone; roots and parabolas tell them apart.
  // Explicit examples reach each region where a mistaken rule shows, whatever the seed.
  const sumExamples = [
    { pair: curvePair(['root', 'root'], [1, 1], 1, [0, 0], 0), eps: 0.5 },
    { pair: curvePair(['root', 'root'], [2, 1], -1, [3, -1], 2), eps: 0.1 },
    { pair: curvePair(['parabola', 'parabola'], [1, 1], 1, [1, 2], -1), eps: 1 },
  ]
  graded('sumRule.valid', 'sumRuleDelta(δf, δg) proves f + g → L + M (with tight δf and δg, of lines, parabolas and roots)', () => {
    forAll({ pair: pairArb, eps: epsArb }, ({ pair: { f, g }, eps }) => {
      const sum = described((x: number) => f.f(x) + g.f(x), `x => (${f.f})(x) + (${g.f})(x)`)
      const delta: DeltaFn = student.sumRuleDelta(f.tightDelta, g.tightDelta)
      expectValidDelta(`sumRuleDelta(δf, δg)(${eps})`, sum, f.a, f.L + g.L, delta(eps), eps)
    }, { regions: pairAndEps, examples: sumExamples })
  })
  graded('sumRule.notTooSmall', 'sumRuleDelta gives at least min(δf(ε/2), δg(ε/2)), the δ of the lecture', () => {
    forAll({ pair: pairArb, eps: epsArb }, ({ pair: { f, g }, eps }) =>
      expectAtLeast(`sumRuleDelta(δf, δg)(${eps})`, student.sumRuleDelta(f.tightDelta, g.tightDelta)(eps), Math.min(f.tightDelta(eps / 2), g.tightDelta(eps / 2))),
    { regions: pairAndEps, examples: sumExamples })
  })
  /** c from −10 to 10, with 0 and ±1 drawn on purpose. */
  const scale = fc.oneof(fc.constantFrom(0, 1, -1), fc.integer({ min: -10, max: 10 }))
  const scaleRegions = {
    ...regionsOn('single', deltaCaseRegions),
    ...regionsOn('eps', epsRegions),
    'c = 0': region(3, ({ c }: { c: number }) => c === 0),
    'c < 0': region(15, ({ c }: { c: number }) => c < 0),
    'a root or parabola with |c| ≥ 2': region(3, ({ single, c }: { single: DeltaCase; c: number }) => single.kind !== 'line' && Math.abs(c) >= 2),
  }
  const scaleExamples = [
    { single: curve('root', 1, 1, 2, 0), c: 4, eps: 0.5 },
    { single: curve('parabola', 2, -1, -3, 1), c: -5, eps: 1 },
    { single: curve('root', 0.5, -1, 0, 3), c: 0, eps: 0.1 },
  ]
  graded('scaleRule.valid', 'scaleRuleDelta(c, δf) proves c·f → c·L, for every c including 0 and negatives, and δ-functions of lines, parabolas and roots', () => {
    forAll({ single: deltaCaseArb, c: scale, eps: epsArb }, ({ single, c, eps }) => {
      const scaled = described((x: number) => c * single.f(x), `x => ${c} * (${single.f})(x)`)
      expectValidDelta(`scaleRuleDelta(${c}, δf)(${eps})`, scaled, single.a, c * single.L, student.scaleRuleDelta(c, single.tightDelta)(eps), eps)
    }, { regions: scaleRegions, examples: scaleExamples })
  })
  graded('scaleRule.notTooSmall', 'scaleRuleDelta(c, δf)(ε) is at least δf(ε/|c|)', () => {
    forAll({ single: deltaCaseArb, c: scale.filter((c) => c !== 0), eps: epsArb }, ({ single, c, eps }) =>
      expectAtLeast(`scaleRuleDelta(${c}, δf)(${eps})`, student.scaleRuleDelta(c, single.tightDelta)(eps), single.tightDelta(eps / Math.abs(c))),
    { regions: withoutRegions(scaleRegions, 'c = 0'), examples: scaleExamples.filter((e) => e.c !== 0) })
  })
  // Where min(1, …) matters: ε > 2(1 + |L|), the tolerance asked of g would pass 1. With L = M = 0
  // and lines of equal steepness, leaving the cap out lets |f·g| reach ε²/4 ≥ ε once ε ≥ 4.
  const productExamples = [
    { pair: linePair(2, 0, 2, 0, 0), eps: 10 },
    { pair: linePair(-3, 3, 3, -3, 1), eps: 5 },
    { pair: linePair(1, 2, -1, -2, -2), eps: 8 },
    { pair: curvePair(['root', 'root'], [1, 2], 1, [0, 1], 1), eps: 0.5 },
    { pair: curvePair(['root', 'root'], [1, 1], -1, [-2, 3], -3), eps: 4 },
  ]
  const productRegions = {
    ...pairAndEps,
    'cap active: ε > 2(1 + |L|)': region(3, ({ pair, eps }: { pair: PairCase; eps: number }) => eps > 2 * (1 + Math.abs(pair.f.L))),
    'L = M = 0 and ε ≥ 4': region(3, ({ pair, eps }: { pair: PairCase; eps: number }) => pair.f.L === 0 && pair.g.L === 0 && eps >= 4),
  }
  graded('productRule.valid', 'challenge: productRuleDelta(δf, δg, L, M) proves f·g → L·M', () => {
    forAll({ pair: pairArb, eps: epsArb }, ({ pair: { f, g }, eps }) => {
      const product = described((x: number) => f.f(x) * g.f(x), `x => (${f.f})(x) * (${g.f})(x)`)
      const delta = student.productRuleDelta(f.tightDelta, g.tightDelta, f.L, g.L)(eps)
      expectValidDelta(`productRuleDelta(δf, δg, ${f.L}, ${g.L})(${eps})`, product, f.a, f.L * g.L, delta, eps)
    }, { regions: productRegions, examples: productExamples })
  })
  graded('productRule.notTooSmall', 'challenge: productRuleDelta is not needlessly small', () => {
    forAll({ pair: pairArb, eps: epsArb }, ({ pair: { f, g }, eps }) => {
      const eta = Math.min(1, eps) / (100 * (1 + Math.abs(f.L) + Math.abs(g.L)))
      const delta = student.productRuleDelta(f.tightDelta, g.tightDelta, f.L, g.L)(eps)
      expectAtLeast(`productRuleDelta(δf, δg, ${f.L}, ${g.L})(${eps})`, delta, Math.min(f.tightDelta(eta), g.tightDelta(eta)))
    }, { regions: productRegions, examples: productExamples })
  })
})

describe('findCounterexample(f, a, L, δ, ε, rng)', () => {
  /** A one-sided violation band somewhere in the interval; δ small or large. */
  const bandInput = fc.record({
    side: fc.constantFrom(1, -1),
    a: fc.integer({ min: -10, max: 10 }),
    L: fc.integer({ min: -5, max: 5 }),
    delta: fc.oneof(fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 2, max: 100, noNaN: true })),
    eps: epsArb,
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  type Band = { side: number; a: number; delta: number }
  const bandRegions = regionsOn<'input', Band>('input', {
    'right side': region(7, (i) => i.side > 0),
    'left side': region(7, (i) => i.side < 0),
    'δ < 1': region(7, (i) => i.delta < 1),
    'δ > 2': region(7, (i) => i.delta > 2),
    'a ≠ 0': region(25, (i) => i.a !== 0),
  })
  /** A δ 1.5 times too large: a third of the punctured interval violates |f(x) − L| < ε. */
  const tooLarge = fc.record({ line: linearCaseArb(), eps: epsArb, seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) })
  const tooLargeRegions = regionsOn<'input', { line: LinearCase; eps: number }>('input', lineAndEps)

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
    }, { regions: tooLargeRegions })
  })
  graded('findCounterexample.sound', 'when δ is valid it returns null (and it never offers x = a itself)', () => {
    forAll({ line: linearCaseArb(), eps: epsArb, seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }, ({ line, eps, seed }) => {
      // Slightly inside ε/|m|, so that rounding at the very edge cannot produce a "violation".
      const delta = line.tightDelta(eps) * (1 - 1e-6)
      const x = student.findCounterexample(line.f, line.a, line.L, delta, eps, createRng(seed))
      expectTrue(x === null, `findCounterexample returned ${x}, but δ = ${delta} is valid`, { expected: null, actual: x })
    }, { regions: lineAndEps })
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
    }, {
      numRuns: 30,
      regions: regionsOn<'input', { line: LinearCase }>('input', { 'gentle slope': region(1, ({ line }) => Math.abs(line.m) < 1), 'negative slope': region(2, ({ line }) => line.m < 0) }),
    })
  })

  /** Checks that `x` is a counterexample for f, a, L, δ, ε. */
  function expectCounterexample(x: number | null, f: RealFn, a: number, L: number, delta: number, eps: number): void {
    expectTrue(typeof x === 'number', `findCounterexample found nothing although δ = ${delta} is too large`, { expected: prose('a number x'), actual: x })
    const ok = x !== a && Math.abs((x as number) - a) < delta && !(Math.abs(f(x as number) - L) < eps)
    expectTrue(ok, `x = ${x} is not a counterexample: it must satisfy 0 < |x − a| < δ and |f(x) − L| ≥ ε`, {
      expected: prose(`0 < |x − ${a}| < ${delta} and |f(x) − ${L}| ≥ ${eps}`),
      actual: { x, distance: Math.abs((x as number) - a), gap: Math.abs(f(x as number) - L) },
    })
  }

  graded('findCounterexample.interior', 'a violation on one side only, away from the edges and from a, is found by the random points', () => {
    // f leaves the ε-band only for 0.1δ < ±(x − a) < 0.45δ on one side: 17.5 % of the punctured
    // interval and clear of the edge points 1 − 2⁻ᵏ ≥ 0.5. A searcher drawing at least 100 uniform
    // points (the lesson's minimum) misses it with probability ≤ 0.825¹⁰⁰ < 5e-9 per case, so
    // below 1e-6 over the 50 cases; one that only probes the edges or one side never finds it.
    forAll({ input: bandInput }, ({ input: { side, a, L, delta, eps, seed } }) => {
      const f = described(
        (x: number) => (side * (x - a) > 0.1 * delta && side * (x - a) < 0.45 * delta ? L + 2 * eps : L),
        `x => ${0.1 * delta} < ${side} * (x - ${a}) && ${side} * (x - ${a}) < ${0.45 * delta} ? ${L} + 2 * ${eps} : ${L}`,
        { side, a, delta, L, eps },
      )
      expectCounterexample(student.findCounterexample(f, a, L, delta, eps, createRng(seed)), f, a, L, delta, eps)
    }, { numRuns: 50, regions: bandRegions })
  })
  graded('findCounterexample.outerHalf', 'the random points spread over the whole interval: a violation only in the outer half of one side, away from the edge, is found', () => {
    // f leaves the ε-band only where 0.5δ < ±(x − a) < 0.95δ on one side, except within 1e-6·δ of
    // the usual edge probes 1 − 2⁻ᵏ, 1 − 10⁻ᵏ and 1 − 1/k (inOuterBand): 22.49% of the punctured
    // interval or more. A searcher drawing at least 100 points uniformly from it misses with
    // probability ≤ 0.7751¹⁰⁰ < 1e-11 per case, below 1e-9 over the 50 cases; one whose random
    // points stay within δ/2 of a (a + (rng() − 0.5)·δ) never finds it.
    forAll({ input: bandInput }, ({ input: { side, a, L, delta, eps, seed } }) => {
      const f = outerHalfCase(side, a, L, delta, eps)
      const x = student.findCounterexample(f, a, L, delta, eps, createRng(seed))
      expectTrue(typeof x === 'number', `findCounterexample found nothing, although f leaves the ε-band in the outer half of the ${side > 0 ? 'right' : 'left'} side (0.5δ to 0.95δ from a): 22% of the interval. Are your random points spread over all of 0 < |x − a| < δ, not only near a?`, { expected: prose('a number x with 0.5·δ < |x − a| < 0.95·δ'), actual: x })
      expectCounterexample(x, f, a, L, delta, eps)
    }, { numRuns: 50, regions: bandRegions })
  })
  graded('findCounterexample.edge', 'when δ is only 0.1 % too large, the counterexamples crowd the edges: it probes there and finds one', () => {
    forAll({ line: linearCaseArb(), eps: epsArb, seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }, ({ line, eps, seed }) => {
      // The violations fill the outer 1 − 1/1.001 ≈ 0.1 % of each side of the interval: points at
      // 1 − 2⁻ᵏ of δ (k ≥ 10), as the lesson suggests, land there; random points rarely do.
      const delta = 1.001 * line.tightDelta(eps)
      expectCounterexample(student.findCounterexample(line.f, line.a, line.L, delta, eps, createRng(seed)), line.f, line.a, line.L, delta, eps)
    }, { numRuns: 50, regions: scaledFloorsOf(lineAndEps, 0.5) })
  })
  graded('findCounterexample.boundary', '|f(x) − L| = ε exactly is a counterexample: the definition asks for |f(x) − L| < ε', () => {
    // Integers and powers of two: L + ε and (L + ε) − L are exact, so |f(x) − L| is ε itself.
    forAll({ a: fc.integer({ min: -10, max: 10 }), L: fc.integer({ min: -5, max: 5 }), k: fc.integer({ min: -4, max: 2 }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }, ({ a, L, k, seed }) => {
      const eps = 2 ** k
      const f = described((x: number) => (x === a ? L : L + eps), `x => x === ${a} ? ${L} : ${L} + ${eps}`, { a, L, eps })
      expectCounterexample(student.findCounterexample(f, a, L, 0.5, eps, createRng(seed)), f, a, L, 0.5, eps)
    }, { numRuns: 20, regions: { 'ε < 1': region(1, ({ k }) => k < 0), 'ε ≥ 1': region(1, ({ k }) => k >= 0), 'a ≠ 0': region(10, ({ a }) => a !== 0), 'L < 0': region(1, ({ L }) => L < 0) } })
  })
  graded('findCounterexample.insideOnly', 'with rng() at its extremes (0, and the largest number below 1) it still offers only x with 0 < |x − a| < δ', () => {
    // a = 3, δ = 1: 3 ± (1 − 2⁻⁵³) rounds to 4 and 2, at distance exactly δ, and rng() = 0 gives a
    // itself. δ = 1 is valid for f(x) = x − 3 with ε = 1 (|f(x)| < 1 inside), f(3) is NaN, so the
    // only "counterexamples" are those two rounding artefacts and a: the answer must be null.
    const f = described((x: number) => (x === 3 ? NaN : x - 3), 'x => x === 3 ? NaN : x - 3')
    const extremes = [0, 1 - 2 ** -53, 0, 1 - 2 ** -53]
    for (const seed of [1, 2, 3]) {
      const rest = createRng(seed)
      let calls = 0
      const rng = described(() => (calls < extremes.length ? extremes[calls++]! : rest()), `rng giving ${extremes.join(', ')}, then createRng(${seed})`)
      const x = student.findCounterexample(f, 3, 0, 1, 1, rng)
      expectTrue(x === null, `findCounterexample(x => x − 3, 3, 0, δ = 1, ε = 1, rng) returned ${x}, which is not in 0 < |x − 3| < 1`, { expected: null, actual: x })
    }
  })
})

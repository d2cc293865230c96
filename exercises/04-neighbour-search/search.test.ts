import { describe } from 'vitest'
import fc from 'fast-check'
import {
  type Point as PlotPoint, expectArgumentsUnchanged, expectClose, expectThrows, expectThrowsNaming, expectTrue, forAll, limitCalls, namesAny, namesWord, prose, recordPlot, region, regionsOn, topic, withoutRegions,
} from '../../grader/harness'
import * as student from '@target/04-neighbour-search/search'
import {
  type Loss, type Point, type SearchCase, LECTURE_DELTAS, LECTURE_FINAL, LECTURE_PATH, anyCase, dyadicDeltas, exactCase, leastSquaresLine, lectureLoss, lectureXs,
  lectureYs, atMinimumCase, diagonalValleyCase, neighbours, referenceMse, referencePath, referenceRefine, searchRegions, tieCase,
} from '../../reference/oracles/neighbour-search'
import { described } from '../../reference/oracles/described'

const { graded } = topic(import.meta.url)

/**
 * Dyadic starts and steps (quarters, halves, whole numbers) keep every coordinate an exact binary
 * fraction, so every correct search visits exactly the same points: compare with no tolerance.
 */
const EXACT = { abs: 0, rel: 0 }
/** The MSE is a sum of at most 50 positive terms: rounding stays below 50 ulps, far inside 1e-10. */
const MSE_TOL = { abs: 1e-12, rel: 1e-10 }

/** A search path as plot points, whatever the code under test returned (a failing student still sees it). */
function asPath(trace: unknown): PlotPoint[] {
  if (!Array.isArray(trace)) return []
  return trace.filter((p): p is [number, number] => Array.isArray(p) && p.length >= 2).map(([w, b]): PlotPoint => [Number(w), Number(b)])
}

/** The shape the lesson promises: { point: [w, b], trace: [[w, b], …] }. */
function expectResultShape(what: string, result: unknown): asserts result is { point: Point; trace: Point[] } {
  const r = result as { point?: unknown; trace?: unknown } | null
  const isPoint = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number')
  expectTrue(!!r && isPoint(r.point) && Array.isArray(r.trace) && r.trace.length > 0 && r.trace.every(isPoint), `${what} must return { point: [w, b], trace: [[w, b], …] } with a non-empty trace`, {
    expected: prose('{ point: [w, b], trace: [start, …, point] }'),
    actual: result,
  })
}

/**
 * Calls left to a search on `loss` that should make `moves` moves. A search looks at 8 neighbours
 * per move (the lecture's code even evaluates 18 losses per move); 50 per move is far more than any
 * sound search needs, and a search that never stops runs through it quickly.
 */
const callBudget = (moves: number) => 50 * (moves + 1) + 50

/** The case's loss with a call budget from the reference path, so a search that never stops fails fast instead of hanging. */
const budgeted = (c: SearchCase): Loss => limitCalls(c.loss, callBudget(referencePath(c).length - 1), 'the loss')
/** The regions of the loss families without exact ties, and of the tie families. */
const exactRegions = withoutRegions(searchRegions, 'exact ties (a valley, a diamond or a well)', 'a start off the grid of quarters')
const tieRegions = withoutRegions(searchRegions, 'the MSE of a data set', 'a rippled bowl (many local minima)', 'a diagonal move beats a lower axis neighbour', 'only a diagonal neighbour is lower (the axes are stuck)', 'a start off the grid of quarters')

describe('mse(w, b, xs, ys)', () => {
  graded('mse.matchesReference', 'mse(w, b, xs, ys) = (1/n)·Σ(w·xᵢ + b − yᵢ)², as mathjs computes it', () => {
    expectClose('mse(1, 0, linear_regression1)', student.mse(1, 0, [...lectureXs], [...lectureYs]), referenceMse(1, 0, lectureXs, lectureYs), MSE_TOL)
    // One point, a few, or many (30 to 50) on purpose: fast-check's arrays are short by default.
    const pair = fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }))
    const data = fc.oneof(fc.array(pair, { minLength: 1, maxLength: 50 }), fc.array(pair, { minLength: 30, maxLength: 50 }))
    const param = fc.double({ min: -10, max: 10, noNaN: true })
    forAll({ w: param, b: param, data }, ({ w, b, data }) => {
      const xs = data.map(([x]) => x)
      const ys = data.map(([, y]) => y)
      expectClose(`mse(${w}, ${b}, xs, ys)`, student.mse(w, b, xs, ys), referenceMse(w, b, xs, ys), MSE_TOL)
    }, {
      regions: {
        'one point': region(1, ({ data }) => data.length === 1),
        'many points (≥ 30)': region(5, ({ data }) => data.length >= 30),
        'w < 0': region(25, ({ w }) => w < 0),
      },
      examples: [{ w: 1.5, b: -0.5, data: [[2, 3]] }],
    })
  })
})

describe('neighbourSearch(loss, start, Δ, maxSteps?)', () => {
  graded('neighbourSearch.lecturePath', "the lecture's search: from (−4, 4) with Δ = 0.5, twelve moves to (1, 0)", () => {
    const result = student.neighbourSearch(limitCalls(lectureLoss, callBudget(12), 'the loss'), [-4, 4], 0.5)
    recordPlot({ kind: 'search-path', title: 'Neighbour search from (−4, 4) with Δ = 0.5', dataset: 'linear_regression1', student: asPath(result?.trace), reference: LECTURE_PATH })
    expectResultShape('neighbourSearch(loss, [-4, 4], 0.5)', result)
    expectClose('neighbourSearch(loss, [-4, 4], 0.5).trace', result.trace, LECTURE_PATH, EXACT)
    expectClose('neighbourSearch(loss, [-4, 4], 0.5).point', result.point, [1, 0], EXACT)
  })

  graded('neighbourSearch.oneMovePerStep', 'each step of the trace moves w and b by −Δ, 0 or +Δ (not both 0): one neighbour', () => {
    forAll({ c: anyCase }, ({ c }) => {
      const result = student.neighbourSearch(budgeted(c), c.start, c.delta)
      expectResultShape('neighbourSearch', result)
      // Coordinates are sums of a few numbers below 20 in size: rounding is below 1e-13.
      const isStep = (d: number, at: number) => {
        const tol = 1e-12 * (1 + Math.abs(at) + c.delta)
        return Math.abs(d) <= tol || Math.abs(Math.abs(d) - c.delta) <= tol
      }
      result.trace.slice(1).forEach((next, i) => {
        const [w, b] = result.trace[i]!
        const dw = next[0] - w
        const db = next[1] - b
        expectTrue(isStep(dw, w) && isStep(db, b) && (Math.abs(dw) > c.delta / 2 || Math.abs(db) > c.delta / 2), `step ${i + 1} of the trace is not a move to one of the 8 neighbours`, {
          expected: prose(`a move by (±${c.delta} or 0, ±${c.delta} or 0), not (0, 0)`),
          actual: { from: [w, b], to: next, move: [dw, db] },
        })
      })
    }, { regions: regionsOn('c', searchRegions), examples: [{ c: atMinimumCase }] })
  })

  graded('neighbourSearch.decreasing', 'the trace starts at start and ends at point, and the loss falls strictly at every move', () => {
    forAll({ c: anyCase }, ({ c }) => {
      const result = student.neighbourSearch(budgeted(c), c.start, c.delta)
      expectResultShape('neighbourSearch', result)
      expectClose('trace[0] (the start)', result.trace[0], c.start, EXACT)
      expectClose('point (the last entry of the trace)', result.point, result.trace.at(-1), EXACT)
      // Your search chose each move because the loss there was strictly lower, on these very points.
      result.trace.slice(1).forEach((next, i) => {
        const before = c.loss(...result.trace[i]!)
        const after = c.loss(...next)
        expectTrue(after < before, `move ${i + 1} does not lower the loss`, {
          expected: prose(`loss(${next}) < loss(${result.trace[i]}) = ${before}`),
          actual: prose(`loss(${next}) = ${after}`),
        })
      })
    }, { regions: regionsOn('c', searchRegions), examples: [{ c: atMinimumCase }] })
  })

  graded('neighbourSearch.localMinimum', 'where the search stops, no neighbour has a lower loss', () => {
    forAll({ c: anyCase }, ({ c }) => {
      const result = student.neighbourSearch(budgeted(c), c.start, c.delta)
      expectResultShape('neighbourSearch', result)
      const here = c.loss(...result.point)
      // Our neighbours may differ from yours by rounding (1e-15): a neighbour counts as lower only
      // when it is lower by more than 1e-9; every early stop tested misses by far more.
      const lower = neighbours(result.point, c.delta).find((q) => c.loss(...q) < here - 1e-9 * (1 + Math.abs(here)))
      expectTrue(lower === undefined, `the search stopped at (${result.point}), but the neighbour (${lower}) is lower`, {
        expected: prose(`no neighbour with loss below ${here}`),
        actual: lower && prose(`loss(${lower}) = ${c.loss(...lower)}`),
      })
    }, { regions: regionsOn('c', searchRegions), examples: [{ c: atMinimumCase }, { c: diagonalValleyCase }] })
  })

  graded('neighbourSearch.lowestNeighbour', 'each move goes to the lowest of the 8 neighbours (the same path as the lecture code)', () => {
    forAll({ c: exactCase }, ({ c }) => {
      const result = student.neighbourSearch(budgeted(c), c.start, c.delta)
      expectResultShape('neighbourSearch', result)
      expectClose('neighbourSearch(loss, start, delta).trace', result.trace, referencePath(c), EXACT)
    }, { regions: regionsOn('c', exactRegions), examples: [{ c: atMinimumCase }] })
  })

  graded('neighbourSearch.ties', 'ties go to the first neighbour in the order dw = −1, 0, 1 (outer), db = −1, 0, 1 (inner)', () => {
    // (−1, 0) and (0, −1) both reach the valley w + b = −1; (−1, 0) comes first.
    const valley = described((w: number, b: number) => (w + b + 1) ** 2, '(w, b) => (w + b + 1)**2', {})
    expectClose('neighbourSearch((w + b + 1)², [0, 0], 1).point', student.neighbourSearch(limitCalls(valley, callBudget(1), 'the loss'), [0, 0], 1).point, [-1, 0], EXACT)
    // Three neighbours lower b equally; the first has dw = −1.
    const trough = described((_w: number, b: number) => Math.abs(b), '(w, b) => Math.abs(b)', {})
    expectClose('neighbourSearch(|b|, [0, 3], 1).trace', student.neighbourSearch(limitCalls(trough, callBudget(3), 'the loss'), [0, 3], 1).trace, [[0, 3], [-1, 2], [-2, 1], [-3, 0]], EXACT)
    forAll({ c: tieCase }, ({ c }) => {
      const result = student.neighbourSearch(budgeted(c), c.start, c.delta)
      expectResultShape('neighbourSearch', result)
      expectClose('neighbourSearch(loss, start, delta).trace', result.trace, referencePath(c), EXACT)
    }, { regions: regionsOn('c', withoutRegions(tieRegions, 'no move: the start is already a local minimum')) })
  })

  graded('neighbourSearch.plateau', 'on a plateau it stops: moving to an equal loss would go on for ever', () => {
    const flat = described(() => 3, '(w, b) => 3', {})
    const start: Point = [0.3, -1.7]
    const onFlat = student.neighbourSearch(limitCalls(flat, callBudget(0), 'the loss'), start, 0.5)
    expectResultShape('neighbourSearch', onFlat)
    expectClose('neighbourSearch((w, b) => 3, [0.3, -1.7], 0.5).trace', onFlat.trace, [start], EXACT)
    forAll({ c: tieCase }, ({ c }) => {
      const expected = referencePath(c)
      const result = student.neighbourSearch(budgeted(c), c.start, c.delta)
      expectResultShape('neighbourSearch', result)
      expectClose('neighbourSearch(loss, start, delta).point', result.point, expected.at(-1), EXACT)
    }, { regions: regionsOn('c', withoutRegions(tieRegions, 'no move: the start is already a local minimum')) })
  })

  graded('neighbourSearch.maxSteps', 'maxSteps caps the number of moves: the search stops after that many', () => {
    for (let k = 0; k <= LECTURE_PATH.length; k++) {
      const result = student.neighbourSearch(limitCalls(lectureLoss, callBudget(12), 'the loss'), [-4, 4], 0.5, k)
      expectResultShape(`neighbourSearch(loss, [-4, 4], 0.5, ${k})`, result)
      expectClose(`neighbourSearch(loss, [-4, 4], 0.5, ${k}).trace`, result.trace, LECTURE_PATH.slice(0, k + 1), EXACT)
    }
  })

  graded('neighbourSearch.defaultMaxSteps', 'without maxSteps the cap is the lesson’s 100 000 moves: a search needing 10 240 moves makes all of them', () => {
    // (w − 10240)² + b² from (0, 0) with Δ = 1: every move goes one step right, so the path has
    // exactly 10 240 moves and ends at (10240, 0). A default cap of 1000 or 10 000 moves stops
    // early. (The cap itself is not reached here: that would take 800 000 calls of the loss.)
    const far = 10_240
    const ramp = described((w: number, b: number) => (w - far) ** 2 + b * b, `(w, b) => (w - ${far})**2 + b**2`, { far })
    const result = student.neighbourSearch(limitCalls(ramp, callBudget(far), 'the loss'), [0, 0], 1)
    expectResultShape('neighbourSearch((w − 10240)² + b², [0, 0], 1)', result)
    expectTrue(result.trace.length === far + 1, `neighbourSearch((w − 10240)² + b², [0, 0], 1) made ${result.trace.length - 1} moves and stopped at (${result.point}): without maxSteps the search may make up to 100 000 moves`, {
      expected: prose(`${far} moves, ending at (${far}, 0)`),
      actual: prose(`${result.trace.length - 1} moves, ending at (${result.point})`),
    })
    expectClose(`neighbourSearch((w − 10240)² + b², [0, 0], 1).point`, result.point, [far, 0], EXACT)
  }, { timeout: 60_000 })
})

describe('refine(loss, start, deltas)', () => {
  graded('refine.lecture', "the lecture's refinement Δ = 0.5 → 0.001 ends at (1.020, −0.009), within Δ of least squares", () => {
    const reference = referenceRefine(lectureLoss, [-4, 4], LECTURE_DELTAS)
    const result = student.refine(limitCalls(lectureLoss, callBudget(reference.trace.length - 1 + LECTURE_DELTAS.length), 'the loss'), [-4, 4], LECTURE_DELTAS)
    recordPlot({ kind: 'search-path', title: 'Refinement Δ = 0.5, 0.1, 0.05, 0.01, 0.005, 0.001 from (−4, 4)', dataset: 'linear_regression1', student: asPath(result?.trace), reference: reference.trace })
    expectResultShape('refine', result)
    expectClose('the first 13 points of the trace (the Δ = 0.5 stage)', result.trace.slice(0, LECTURE_PATH.length), LECTURE_PATH, EXACT)
    // Steps of 0.1, 0.05, … are not exact in binary; different but correct ways of adding them
    // differ by about 1e-15, far inside 1e-9.
    expectClose('refine(loss, [-4, 4], [0.5, …, 0.001]).point', result.point, LECTURE_FINAL, { abs: 1e-9 })
    const [w, b] = leastSquaresLine(lectureXs, lectureYs)
    expectClose('refine(…).point compared with the least-squares line (mathjs)', result.point, [w, b], { abs: 0.001 })
  })

  graded('refine.stages', 'each Δ continues from where the previous one stopped; the trace lists every move', () => {
    forAll({ c: fc.oneof(exactCase, tieCase), deltas: dyadicDeltas }, ({ c, deltas }) => {
      const expected = referenceRefine(c.loss, c.start, deltas)
      // Each stage also spends a round of calls finding that it is done.
      const loss = limitCalls(c.loss, callBudget(expected.trace.length - 1 + deltas.length), 'the loss')
      const result = student.refine(loss, c.start, deltas)
      expectResultShape('refine', result)
      expectClose(`refine(loss, start, [${deltas}]).trace`, result.trace, expected.trace, EXACT)
      expectClose(`refine(loss, start, [${deltas}]).point`, result.point, expected.point, EXACT)
    }, {
      regions: {
        ...regionsOn('c', withoutRegions(searchRegions, 'a start off the grid of quarters', 'no move: the start is already a local minimum', 'a diagonal move beats a lower axis neighbour', 'a long path (≥ 20 moves)')),
        'one Δ': region(5, ({ deltas }) => deltas.length === 1),
        'four or five Δs': region(6, ({ deltas }) => deltas.length >= 4),
      },
    })
  })
})

describe('bad input and side effects', () => {
  graded('search.badInput', 'bad input is refused with a RangeError or TypeError that says what is wrong', () => {
    // A search that does not check Δ may walk for ever with Δ = 0: the budget ends it.
    const loss: Loss = limitCalls(lectureLoss, 10_000, 'the loss')
    expectThrows('mse(1, 0, [1, 2], [1])', () => student.mse(1, 0, [1, 2], [1]))
    expectThrows('mse(1, 0, [], [])', () => student.mse(1, 0, [], []))
    expectThrows('mse(1, 0, [NaN], [1])', () => student.mse(1, 0, [NaN], [1]))
    for (const bad of [0, -0.5, NaN, Infinity]) {
      expectThrows(`neighbourSearch(loss, [-4, 4], ${bad})`, () => student.neighbourSearch(loss, [-4, 4], bad))
      expectThrows(`refine(loss, [-4, 4], [0.5, ${bad}])`, () => student.refine(loss, [-4, 4], [0.5, bad]))
    }
    expectThrows('neighbourSearch(loss, [NaN, 4], 0.5)', () => student.neighbourSearch(loss, [NaN, 4], 0.5))
    expectThrows('neighbourSearch(loss, [-4, 4], 0.5, -1)', () => student.neighbourSearch(loss, [-4, 4], 0.5, -1))
    expectThrows('neighbourSearch(loss, [-4, 4], 0.5, 2.5)', () => student.neighbourSearch(loss, [-4, 4], 0.5, 2.5))
    expectThrows('refine(loss, [-4, 4], [])', () => student.refine(loss, [-4, 4], []))
  })

  graded('search.badInputNamed', 'every bad argument is refused, ys as well as xs, with a message that names it (w, b, xs, ys, start, Δ)', () => {
    const loss: Loss = limitCalls(lectureLoss, 10_000, 'the loss')
    const DELTA = /delta|Δ|step/i
    const cases: Array<[string, () => unknown, (message: string) => boolean, string]> = [
      ['mse(NaN, 0, [1, 2], [1, 2])', () => student.mse(NaN, 0, [1, 2], [1, 2]), namesWord('w'), 'w'],
      ['mse(1, Infinity, [1, 2], [1, 2])', () => student.mse(1, Infinity, [1, 2], [1, 2]), namesWord('b'), 'b'],
      ['mse(1, 0, [1, NaN], [1, 2])', () => student.mse(1, 0, [1, NaN], [1, 2]), namesAny(namesWord('x'), namesWord('xs'), namesWord('X'), namesWord('XS'), /input/i), 'xs'],
      ['mse(1, 0, [1, 2], [1, -Infinity])', () => student.mse(1, 0, [1, 2], [1, -Infinity]), namesAny(namesWord('y'), namesWord('ys'), namesWord('Y'), namesWord('YS'), /target|label|output/i), 'ys'],
      ['neighbourSearch(loss, [NaN, 4], 0.5)', () => student.neighbourSearch(loss, [NaN, 4], 0.5), namesAny(/start/, namesWord('w')), 'start (or w)'],
      ['neighbourSearch(loss, [-4, NaN], 0.5)', () => student.neighbourSearch(loss, [-4, NaN], 0.5), namesAny(/start/, namesWord('b')), 'start (or b)'],
      ['neighbourSearch(loss, [-4, 4], 0)', () => student.neighbourSearch(loss, [-4, 4], 0), namesAny(DELTA), 'delta (Δ)'],
      ['refine(loss, [-4, 4], [0.5, NaN])', () => student.refine(loss, [-4, 4], [0.5, NaN]), namesAny(DELTA), 'delta (Δ)'],
    ]
    for (const [what, call, names, wanted] of cases) expectThrowsNaming(what, call, names, wanted)
  })

  graded('search.argumentsUnchanged', 'mse, neighbourSearch and refine leave their arguments unchanged', () => {
    expectArgumentsUnchanged('mse', [1.5, -0.5, [...lectureXs], [...lectureYs]], (w, b, xs, ys) => student.mse(w as number, b as number, xs as number[], ys as number[]))
    expectArgumentsUnchanged('neighbourSearch', [[-4, 4]], (start) => student.neighbourSearch(lectureLoss, start as Point, 0.5))
    expectArgumentsUnchanged('refine', [[-4, 4], [0.5, 0.1]], (start, deltas) => student.refine(lectureLoss, start as Point, deltas as number[]))
  })
})

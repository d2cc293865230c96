// Oracles for 04-neighbour-search: the lecture's search written the lecture's way, the mean squared
// error and the least-squares line from mathjs, the lecture's data, and the loss families the
// property tests draw from (each with a readable description).
import fc from 'fast-check'
import { math } from './mathjs.ts'
import { loadDataset, split } from '../data/datasets.ts'
import { described, labelled } from './described.ts'
import { type Regions, region } from '../regions.ts'

export type Point = [number, number]
export type Loss = (w: number, b: number) => number

/** The lecture's order of the neighbours: dw = −1, 0, 1 outside, db = −1, 0, 1 inside. */
export const NEIGHBOUR_ORDER: readonly (readonly [number, number])[] = [-1, 0, 1].flatMap((dw) => [-1, 0, 1].map((db) => [dw, db] as const))

/**
 * The slides' `p(w, b)`: start with pnt = (w, b) and replace it by every neighbour whose loss is
 * strictly lower than pnt's, in the lecture's order. The centre never replaces itself, so this is
 * the lowest strictly-lower neighbour, ties going to the first in the order.
 */
function bestAround(loss: Loss, [w, b]: Point, delta: number): Point {
  let pnt: Point = [w, b]
  let pntLoss = loss(w, b)
  for (const [dw, db] of NEIGHBOUR_ORDER) {
    const candidate: Point = [w + dw * delta, b + db * delta]
    const value = loss(candidate[0], candidate[1])
    if (pntLoss > value) {
      pnt = candidate
      pntLoss = value
    }
  }
  return pnt
}

/** The slides' `while True` loop, with a cap on the number of moves. */
export function referenceSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): { point: Point; trace: Point[] } {
  let point: Point = [start[0], start[1]]
  const trace: Point[] = [point]
  for (let step = 0; step < maxSteps; step++) {
    const next = bestAround(loss, point, delta)
    if (next[0] === point[0] && next[1] === point[1]) break
    point = next
    trace.push(point)
  }
  return { point, trace }
}

export function referenceRefine(loss: Loss, start: Point, deltas: readonly number[]): { point: Point; trace: Point[] } {
  let point: Point = [start[0], start[1]]
  const trace: Point[] = [point]
  for (const delta of deltas) {
    const stage = referenceSearch(loss, point, delta)
    trace.push(...stage.trace.slice(1))
    point = stage.point
  }
  return { point, trace }
}

/** The 8 neighbours of `point` at distance Δ, in the lecture's order. */
export function neighbours([w, b]: Point, delta: number): Point[] {
  return NEIGHBOUR_ORDER.filter(([dw, db]) => dw !== 0 || db !== 0).map(([dw, db]): Point => [w + dw * delta, b + db * delta])
}

/** (1/n)·Σ(w·xᵢ + b − yᵢ)², computed by mathjs. */
export function referenceMse(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  const residuals = math.subtract(math.add(math.multiply([...xs], w), b), [...ys]) as number[]
  return math.mean(math.dotPow(residuals, 2) as number[]) as number
}

/** The least-squares line through the data: the normal equations AᵀA·(w, b) = Aᵀy, solved by mathjs. */
export function leastSquaresLine(xs: readonly number[], ys: readonly number[]): Point {
  const A = xs.map((x) => [x, 1])
  const At = math.transpose(A)
  const solution = math.lusolve(math.multiply(At, A) as number[][], math.multiply(At, [...ys]) as number[]) as number[][]
  return [solution[0]![0]!, solution[1]![0]!]
}

// ---- the lecture's data and anchors ----

const lecture = split(loadDataset('linear_regression1'), 'y')
/** linear_regression1, as in the slides. */
export const lectureXs: readonly number[] = lecture.X.map((row) => row[0]!)
export const lectureYs: readonly number[] = lecture.y
/** (1/n)·Σ(w·xᵢ + b − yᵢ)² by a plain loop: the searches call it thousands of times, mathjs would be slow. */
export function plainMse(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  let total = 0
  for (let i = 0; i < xs.length; i++) total += (w * xs[i]! + b - ys[i]!) ** 2
  return total / xs.length
}
/** The slides' loss(w, b) on linear_regression1. */
/** plainMse as a portable function, for the losses below (they run where the student's search calls them). */
const mse = described(plainMse, 'mse', {})
export const lectureLoss: Loss = described((w: number, b: number) => mse(w, b, lectureXs, lectureYs), '(w, b) => mse(w, b, linear_regression1)', { mse, lectureXs, lectureYs })
/** The path on the slides: from (−4, 4) with Δ = 0.5, twelve moves to (1, 0). */
export const LECTURE_PATH: Point[] = [
  [-4, 4], [-4.5, 3.5], [-4, 3], [-3.5, 2.5], [-3, 2], [-2.5, 1.5], [-2, 1.5], [-1.5, 1], [-1, 1], [-0.5, 0.5], [0, 0.5], [0.5, 0], [1, 0],
]
/** The slides' refinement, ending at (1.020, −0.009). */
export const LECTURE_DELTAS = [0.5, 0.1, 0.05, 0.01, 0.005, 0.001]
export const LECTURE_FINAL: Point = [1.02, -0.009]

// ---- loss families for the property tests ----

export interface SearchCase {
  loss: Loss
  start: Point
  delta: number
}

/** Shows a generated case as `label` in counterexamples. */

const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
const round3 = (v: number) => Math.round(v * 1000) / 1000

/**
 * The MSE of a random small data set. The xs are spread out, so that the least-squares line is
 * within reach (|w|, |b| ≤ 8) and a search ends after a few hundred moves.
 */
const mseLoss = fc
  .array(fc.tuple(real(-3, 3), real(-3, 3)), { minLength: 2, maxLength: 12 })
  .map((pairs) => ({ xs: pairs.map(([x]) => round3(x)), ys: pairs.map(([, y]) => round3(y)) }))
  .filter(({ xs, ys }) => {
    if (Math.max(...xs) - Math.min(...xs) < 1) return false
    const [w, b] = leastSquaresLine(xs, ys)
    return Math.abs(w) <= 8 && Math.abs(b) <= 8
  })
  .map(({ xs, ys }) => described((w: number, b: number) => mse(w, b, xs, ys), `(w, b) => mse(w, b, xs = ${JSON.stringify(xs)}, ys = ${JSON.stringify(ys)})`, { mse, xs, ys }))

/** A tilted elliptic bowl a(w−w₀)² + c(b−b₀)² + e(w−w₀)(b−b₀) with a positive-definite form. */
const bowlLoss = fc
  .record({ a: fc.integer({ min: 1, max: 5 }), c: fc.integer({ min: 1, max: 5 }), e: fc.integer({ min: -4, max: 4 }), w0: real(-5, 5), b0: real(-5, 5) })
  .filter(({ a, c, e }) => e * e < 4 * a * c)
  .map(({ a, c, e, w0, b0 }) =>
    described((w: number, b: number) => a * (w - w0) ** 2 + c * (b - b0) ** 2 + e * (w - w0) * (b - b0), `(w, b) => ${a}*(w - ${w0})**2 + ${c}*(b - ${b0})**2 + ${e}*(w - ${w0})*(b - ${b0})`, { a, c, e, w0, b0 }),
  )

/**
 * A narrow valley along a diagonal, a(w − b − w₀)² + (w + b − b₀)² with a ≥ 8: on its floor every axis
 * neighbour is higher, and only a diagonal move goes on down (a search without diagonals stops there).
 */
const valleyLoss = fc
  .record({ a: fc.integer({ min: 8, max: 20 }), sign: fc.constantFrom(1, -1), w0: real(-3, 3), b0: real(-6, 6) })
  .map(({ a, sign, w0, b0 }) =>
    described((w: number, b: number) => a * (w - sign * b - w0) ** 2 + (w + sign * b - b0) ** 2, `(w, b) => ${a}*(w - ${sign}*b - ${w0})**2 + (w + ${sign}*b - ${b0})**2`, { a, sign, w0, b0 }),
  )

/** Many local minima: a bowl with ripples. */
const bumpyLoss = fc.record({ p: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 1, max: 3 }), s: real(-3, 3) }).map(({ p, q, s }) =>
  described((w: number, b: number) => 0.1 * (w * w + b * b) + Math.sin(p * w + s) + Math.cos(q * b), `(w, b) => 0.1*(w*w + b*b) + Math.sin(${p}*w + ${s}) + Math.cos(${q}*b)`, { p, q, s }),
)

/** Losses whose values tie exactly on dyadic points: the tie rule decides the path. */
const tieLoss = fc.oneof(
  // A flat valley: every point on the line p·w + q·b = r has loss 0.
  fc.record({ p: fc.integer({ min: -2, max: 2 }), q: fc.integer({ min: -2, max: 2 }), r: fc.integer({ min: -6, max: 6 }) })
    .filter(({ p, q }) => p !== 0 || q !== 0)
    .map(({ p, q, r }) => described((w: number, b: number) => (p * w + q * b - r) ** 2, `(w, b) => (${p}*w + ${q}*b - ${r})**2`, { p, q, r })),
  // A diamond: |w − w₀| + |b − b₀| has many equal neighbours.
  fc.record({ p: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 1, max: 3 }), w0: fc.integer({ min: -12, max: 12 }), b0: fc.integer({ min: -12, max: 12 }) })
    .map(({ p, q, w0, b0 }) => described((w: number, b: number) => p * Math.abs(w - w0 / 2) + q * Math.abs(b - b0 / 2), `(w, b) => ${p}*Math.abs(w - ${w0 / 2}) + ${q}*Math.abs(b - ${b0 / 2})`, { p, q, w0, b0 })),
  // A square well: loss 0 in a whole square, so most moves there would be to an equal loss.
  fc.record({ w0: fc.integer({ min: -4, max: 4 }), b0: fc.integer({ min: -4, max: 4 }), r: fc.integer({ min: 1, max: 3 }) })
    .map(({ w0, b0, r }) => described((w: number, b: number) => Math.max(0, Math.abs(w - w0) - r) + Math.max(0, Math.abs(b - b0) - r), `(w, b) => Math.max(0, Math.abs(w - ${w0}) - ${r}) + Math.max(0, Math.abs(b - ${b0}) - ${r})`, { w0, b0, r })),
)

/** Starts and steps whose coordinates stay exact binary fractions, so every correct search visits exactly the same points. */
const dyadicStart = fc.tuple(fc.integer({ min: -32, max: 32 }), fc.integer({ min: -32, max: 32 })).map(([w, b]): Point => [w / 4, b / 4])
const dyadicDelta = fc.constantFrom(1, 0.5, 0.25)
const anyStart = fc.tuple(real(-6, 6), real(-6, 6))
const anyDelta = fc.oneof(fc.constantFrom(0.1, 0.3, 0.05), real(0.05, 1))

const caseOf = (loss: fc.Arbitrary<Loss>, start: fc.Arbitrary<Point>, delta: fc.Arbitrary<number>): fc.Arbitrary<SearchCase> =>
  fc.record({ loss, start, delta }).map((c) => labelled(c, `{ loss: ${c.loss}, start: [${c.start}], delta: ${c.delta} }`))

/** Losses without exact ties, from dyadic starts: the path is fully determined by "lowest strictly lower". */
export const exactCase = caseOf(fc.oneof(mseLoss, bowlLoss, valleyLoss, bumpyLoss), dyadicStart, dyadicDelta)
/** Losses full of exact ties, from dyadic starts: the lecture's order decides. */
export const tieCase = caseOf(tieLoss, dyadicStart, dyadicDelta)
/** Anything: ties, plateaus, non-dyadic starts and steps. For the laws that hold whatever the rounding. */
export const anyCase = fc.oneof(exactCase, tieCase, caseOf(fc.oneof(mseLoss, bowlLoss, valleyLoss, bumpyLoss, tieLoss), anyStart, anyDelta))

/** Decreasing dyadic step sizes for refine, coarse to fine. */
export const dyadicDeltas = fc.subarray([2, 1, 0.5, 0.25, 0.125], { minLength: 1 })

// ---- where a mistaken search shows ----

/** The reference path of a case, computed once per case (regions and tests both ask for it). */
const paths = new WeakMap<SearchCase, Point[]>()
export function referencePath(c: SearchCase): Point[] {
  let path = paths.get(c)
  if (!path) paths.set(c, (path = referenceSearch(c.loss, c.start, c.delta).trace))
  return path
}

const isDyadic = (v: number) => Number.isInteger(v * 1024)
/** The four neighbours along the axes, (w ± Δ, b) and (w, b ± Δ). */
const axisNeighbours = (w: number, b: number, delta: number): Point[] => [[w - delta, b], [w + delta, b], [w, b - delta], [w, b + delta]]
/**
 * Whether some move of the reference path goes to a diagonal neighbour although an axis neighbour
 * is lower than the point too: a search that looks at the four axis neighbours first and at the
 * diagonals only when none of those is lower takes another path there.
 */
export function diagonalBeatsAxis(c: SearchCase): boolean {
  const path = referencePath(c)
  return path.slice(1).some((next, i) => {
    const [w, b] = path[i]!
    const diagonal = next[0] !== w && next[1] !== b
    if (!diagonal) return false
    const here = c.loss(w, b)
    return axisNeighbours(w, b, c.delta).some(([u, v]) => c.loss(u, v) < here)
  })
}

export const searchRegions: Regions<SearchCase> = {
  'no move: the start is already a local minimum': region(1, (c) => referencePath(c).length === 1),
  'a long path (≥ 20 moves)': region(4, (c) => referencePath(c).length > 20),
  'a diagonal move beats a lower axis neighbour': region(10, diagonalBeatsAxis),
  'only a diagonal neighbour is lower (the axes are stuck)': region(2, axesStuck),
  'Δ = 1': region(4, (c) => c.delta === 1),
  'the MSE of a data set': region(2, (c) => String(c.loss).includes('mse(')),
  'a rippled bowl (many local minima)': region(2, (c) => String(c.loss).includes('Math.sin')),
  'exact ties (a valley, a diamond or a well)': region(10, (c) => /Math\.abs|Math\.max|\)\*\*2\)?$/.test(String(c.loss)) && !String(c.loss).includes('mse(')),
  'a start off the grid of quarters': region(1, (c) => !isDyadic(c.start[0]) || !isDyadic(c.start[1])),
}

/**
 * Whether the reference path passes a point where no axis neighbour is lower but a diagonal one is:
 * a search that forgets the diagonals stops there, short of a local minimum.
 */
export function axesStuck(c: SearchCase): boolean {
  const path = referencePath(c)
  return path.slice(0, -1).some(([w, b]) => {
    const here = c.loss(w, b)
    return axisNeighbours(w, b, c.delta).every(([u, v]) => c.loss(u, v) >= here)
  })
}

/** A narrow diagonal valley from its floor: no axis neighbour of the start is lower, the diagonal (1, 1) is. */
export const diagonalValleyCase: SearchCase = labelled(
  { loss: described((w: number, b: number) => 10 * (w - b) ** 2 + (w + b - 4) ** 2, '(w, b) => 10*(w - b)**2 + (w + b - 4)**2', {}), start: [0, 0] as Point, delta: 1 },
  '{ loss: (w, b) => 10*(w - b)**2 + (w + b - 4)**2, start: [0, 0], delta: 1 }',
)

/** A case whose start is already the minimum: the search must not move (the loop's edge, zero moves). */
export const atMinimumCase: SearchCase = labelled(
  { loss: described((w: number, b: number) => (w - 1) ** 2 + 3 * (b + 2) ** 2, '(w, b) => (w - 1)**2 + 3*(b + 2)**2', {}), start: [1, -2] as Point, delta: 0.5 },
  '{ loss: (w, b) => (w - 1)**2 + 3*(b + 2)**2, start: [1, -2], delta: 0.5 }',
)

// Answer key for 04-neighbour-search.

/** A point (w, b) of the function set: it stands for f_{w,b}(x) = w·x + b. */
export type Point = [w: number, b: number]
/** A loss over the function set: how bad f_{w,b} is on the data. */
export type Loss = (w: number, b: number) => number

export interface SearchResult {
  /** Where the search stopped. */
  point: Point
  /** The start, then the point after every move, in order; the last entry is `point`. */
  trace: Point[]
}

/** Stops a search that would otherwise run for ever. */
const DEFAULT_MAX_STEPS = 100_000

/** The neighbours in the lecture's order: dw = −1, 0, 1 (outer), db = −1, 0, 1 (inner). */
const NEIGHBOURS: ReadonlyArray<readonly [number, number]> = [-1, 0, 1].flatMap((dw) =>
  [-1, 0, 1].filter((db) => dw !== 0 || db !== 0).map((db) => [dw, db] as const),
)

function requireFinite(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}`)
}

function requireData(xs: readonly number[], ys: readonly number[]): void {
  if (!Array.isArray(xs) || !Array.isArray(ys)) throw new TypeError('xs and ys must be arrays of numbers')
  if (xs.length !== ys.length) throw new RangeError(`xs and ys must have the same length, got ${xs.length} and ${ys.length}`)
  if (xs.length === 0) throw new RangeError('the data is empty: the mean of no errors is undefined')
  xs.forEach((x, i) => requireFinite(`xs[${i}]`, x))
  ys.forEach((y, i) => requireFinite(`ys[${i}]`, y))
}

/** Mean squared error of f_{w,b} on the data: (1/n)·Σ(w·xᵢ + b − yᵢ)². */
export function mse(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  requireFinite('w', w)
  requireFinite('b', b)
  requireData(xs, ys)
  let total = 0
  for (let i = 0; i < xs.length; i++) total += (w * xs[i]! + b - ys[i]!) ** 2
  return total / xs.length
}

function requireStart(start: unknown): asserts start is Point {
  if (!Array.isArray(start) || start.length !== 2) throw new TypeError('start must be a pair [w, b]')
  requireFinite('start[0] (w)', start[0])
  requireFinite('start[1] (b)', start[1])
}

function requireDelta(name: string, delta: number): void {
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) throw new RangeError(`${name} must be a positive finite number, got ${String(delta)}`)
}

/**
 * From `start`, look at the 8 neighbours (w ± Δ, b ± Δ) and move to the lowest one that is strictly
 * lower than where we stand (ties: the first in the lecture's order); stop when none is lower, or
 * after `maxSteps` moves.
 */
export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps: number = DEFAULT_MAX_STEPS): SearchResult {
  if (typeof loss !== 'function') throw new TypeError('loss must be a function (w, b) => number')
  requireStart(start)
  requireDelta('delta', delta)
  if (!(Number.isInteger(maxSteps) && maxSteps >= 0) && maxSteps !== Infinity) {
    throw new RangeError(`maxSteps must be a whole number ≥ 0, got ${String(maxSteps)}`)
  }
  let [w, b] = start
  let here = loss(w, b)
  const trace: Point[] = [[w, b]]
  for (let step = 0; step < maxSteps; step++) {
    let best: Point | undefined
    let bestLoss = here
    for (const [dw, db] of NEIGHBOURS) {
      const candidate: Point = [w + dw * delta, b + db * delta]
      const value = loss(candidate[0], candidate[1])
      // Strictly lower only: a move to an equal loss could go round in circles for ever.
      if (value < bestLoss) {
        best = candidate
        bestLoss = value
      }
    }
    if (!best) break
    ;[w, b] = best
    here = bestLoss
    trace.push(best)
  }
  return { point: [w, b], trace }
}

/** Coarse to fine: a neighbour search with each Δ in turn, each starting where the last one stopped. */
export function refine(loss: Loss, start: Point, deltas: readonly number[]): SearchResult {
  requireStart(start)
  if (!Array.isArray(deltas) || deltas.length === 0) throw new RangeError('deltas must be a non-empty array of step sizes')
  deltas.forEach((d, i) => requireDelta(`deltas[${i}]`, d))
  let point: Point = [start[0], start[1]]
  const trace: Point[] = [point]
  for (const delta of deltas) {
    const stage = neighbourSearch(loss, point, delta)
    trace.push(...stage.trace.slice(1))
    point = stage.point
  }
  return { point, trace }
}

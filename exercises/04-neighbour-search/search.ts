// Topic 04: finding the best function (最佳函數) by neighbour search. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 04` checks your work.

/** A point (w, b) of the function set: it stands for the line f_{w,b}(x) = w·x + b. */
export type Point = [w: number, b: number]
/** A loss over the function set: how bad f_{w,b} is on the data (lower is better). */
export type Loss = (w: number, b: number) => number

export interface SearchResult {
  /** Where the search stopped. */
  point: Point
  /** The start, then the point after every move, in order; the last entry equals `point`. */
  trace: Point[]
}

/**
 * The mean squared error (均方誤差) of f_{w,b} on the data: (1/n)·Σ(w·xᵢ + b − yᵢ)².
 * Throws a RangeError if xs and ys differ in length, are empty, or hold a non-finite number.
 */
export function mse(w: number, b: number, xs: number[], ys: number[]): number {
  throw new Error('not implemented: mse(w, b, xs, ys)')
}

/**
 * The lecture's search. Standing at (w, b), look at the 8 neighbours (w + dw·Δ, b + db·Δ) with
 * dw, db ∈ {−1, 0, 1}, and move to the one with the lowest loss, if that loss is strictly lower
 * than the loss where you stand. Ties go to the first in the order dw = −1, 0, 1 (outer loop),
 * db = −1, 0, 1 (inner loop). Stop when no neighbour is lower, or after `maxSteps` moves.
 * Throws a RangeError unless Δ > 0 is finite, start is finite and maxSteps is a whole number ≥ 0.
 */
export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps: number = 100_000): SearchResult {
  throw new Error('not implemented: neighbourSearch(loss, start, delta, maxSteps)')
}

/**
 * Coarse to fine: a neighbour search with deltas[0], then from where it stopped with deltas[1], and
 * so on. The trace is the start followed by every move of every stage.
 * Throws a RangeError if deltas is empty or holds a Δ that is not a positive finite number.
 */
export function refine(loss: Loss, start: Point, deltas: number[]): SearchResult {
  throw new Error('not implemented: refine(loss, start, deltas)')
}

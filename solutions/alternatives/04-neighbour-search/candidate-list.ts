/**
 * Each step builds the list of 8 candidates with their losses and picks the lowest with a stable sort (so the first of equal losses wins); mse by an explicit loop over residuals.
 * @replaces 04-neighbour-search/search.ts
 */
export type Point = [w: number, b: number]
export type Loss = (w: number, b: number) => number

export interface SearchResult {
  point: Point
  trace: Point[]
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message)
}

export function mse(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  check(Number.isFinite(w), `the weight w must be finite, got ${w}`)
  check(Number.isFinite(b), `the bias b must be finite, got ${b}`)
  check(xs.length === ys.length, `xs (${xs.length}) and ys (${ys.length}) differ in length`)
  check(xs.length > 0, 'no data: xs and ys are empty')
  const residuals: number[] = []
  for (let i = 0; i < xs.length; i++) {
    check(Number.isFinite(xs[i]), `xs[${i}] is not a finite number: ${xs[i]}`)
    check(Number.isFinite(ys[i]), `ys[${i}] is not a finite number: ${ys[i]}`)
    residuals.push(w * xs[i]! + b - ys[i]!)
  }
  let sum = 0
  for (const r of residuals) sum += r * r
  return sum / residuals.length
}

const OFFSETS: Point[] = [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]]

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  check(Number.isFinite(start[0]) && Number.isFinite(start[1]), `start must be two finite numbers [w, b], got [${start}]`)
  check(Number.isFinite(delta) && delta > 0, `the step delta (Δ) must be positive and finite, got ${delta}`)
  check(maxSteps === Infinity || (Number.isInteger(maxSteps) && maxSteps >= 0), `maxSteps must be a whole number ≥ 0, got ${maxSteps}`)
  let point: Point = [start[0], start[1]]
  let value = loss(point[0], point[1])
  const trace: Point[] = [point]
  while (trace.length - 1 < maxSteps) {
    const ranked = OFFSETS.map(([dw, db]): [Point, number] => {
      const next: Point = [point[0] + dw * delta, point[1] + db * delta]
      return [next, loss(next[0], next[1])]
    })
      .filter(([, v]) => v < value)
      .sort((p, q) => (p[1] < q[1] ? -1 : p[1] > q[1] ? 1 : 0))
    if (ranked.length === 0) break
    ;[point, value] = ranked[0]!
    trace.push(point)
  }
  return { point, trace }
}

export function refine(loss: Loss, start: Point, deltas: readonly number[]): SearchResult {
  check(deltas.length > 0, 'deltas must list at least one step Δ')
  deltas.forEach((d, i) => check(Number.isFinite(d) && d > 0, `deltas[${i}] must be a positive finite step Δ, got ${d}`))
  const trace: Point[] = [[start[0], start[1]]]
  for (const delta of deltas) trace.push(...neighbourSearch(loss, trace[trace.length - 1]!, delta).trace.slice(1))
  return { point: trace[trace.length - 1]!, trace }
}

/**
 * Neighbours by index arithmetic (k = 0…8 without 4: dw = ⌊k/3⌋ − 1, db = k mod 3 − 1), the walk as a generator of moves, mse by reduce, and refine as a recursion over the list of Δ.
 * @replaces 04-neighbour-search/search.ts
 */
export type Point = [w: number, b: number]
export type Loss = (w: number, b: number) => number

export interface SearchResult {
  point: Point
  trace: Point[]
}

const fail = (message: string): never => {
  throw new RangeError(message)
}
const finite = (label: string, v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(`${label} is ${String(v)}, not a finite number`))
const positiveStep = (label: string, v: number): number => (finite(label, v) > 0 ? v : fail(`${label} is ${v}; a step Δ must be positive`))

export function mse(w: number, b: number, xs: readonly number[], ys: readonly number[]): number {
  finite('w', w)
  finite('b', b)
  if (xs.length !== ys.length) fail(`xs has ${xs.length} values but ys has ${ys.length}`)
  if (xs.length === 0) fail('xs and ys are empty')
  xs.forEach((v, i) => finite(`xs[${i}]`, v))
  ys.forEach((v, i) => finite(`ys[${i}]`, v))
  return xs.reduce((sum, x, i) => sum + (w * x + b - ys[i]!) ** 2, 0) / xs.length
}

function* moves(loss: Loss, [w0, b0]: Point, delta: number): Generator<Point> {
  let w = w0
  let b = b0
  let current = loss(w, b)
  for (;;) {
    let choice = -1
    let lowest = current
    for (let k = 0; k < 9; k++) {
      if (k === 4) continue
      const value = loss(w + (Math.floor(k / 3) - 1) * delta, b + ((k % 3) - 1) * delta)
      if (value < lowest) {
        lowest = value
        choice = k
      }
    }
    if (choice < 0) return
    w += (Math.floor(choice / 3) - 1) * delta
    b += ((choice % 3) - 1) * delta
    current = lowest
    yield [w, b]
  }
}

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  const origin: Point = [finite('start[0] (w)', start[0]), finite('start[1] (b)', start[1])]
  positiveStep('delta', delta)
  if (maxSteps !== Infinity && !(Number.isInteger(maxSteps) && maxSteps >= 0)) fail(`maxSteps is ${maxSteps}; it must be a whole number ≥ 0`)
  const trace: Point[] = [origin]
  if (maxSteps > 0) {
    for (const point of moves(loss, origin, delta)) {
      trace.push(point)
      if (trace.length > maxSteps) break
    }
  }
  return { point: trace[trace.length - 1]!, trace }
}

export function refine(loss: Loss, start: Point, deltas: readonly number[]): SearchResult {
  if (deltas.length === 0) fail('deltas is empty: give at least one step Δ')
  deltas.forEach((d, i) => positiveStep(`deltas[${i}]`, d))
  const [first, ...rest] = deltas
  const stage = neighbourSearch(loss, start, first!)
  if (rest.length === 0) return stage
  const later = refine(loss, stage.point, rest)
  return { point: later.point, trace: [...stage.trace, ...later.trace.slice(1)] }
}

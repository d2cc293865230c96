/**
 * A search that also moves to a neighbour with an equal loss (≤ instead of <): on a plateau it never stops.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.plateau
 */
import type { Loss, Point, SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  let [w, b] = start
  const trace: Point[] = [[w, b]]
  for (let step = 0; step < maxSteps; step++) {
    let best: Point | undefined
    let bestLoss = loss(w, b)
    for (const dw of [-1, 0, 1]) {
      for (const db of [-1, 0, 1]) {
        if (dw === 0 && db === 0) continue
        const value = loss(w + dw * delta, b + db * delta)
        if (value <= bestLoss && (best === undefined || value < bestLoss)) {
          best = [w + dw * delta, b + db * delta]
          bestLoss = value
        }
      }
    }
    if (!best) break
    ;[w, b] = best
    trace.push(best)
  }
  return { point: [w, b], trace }
}

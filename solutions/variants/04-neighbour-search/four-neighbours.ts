/**
 * A search that looks only at (w ± Δ, b) and (w, b ± Δ), forgetting the four diagonal neighbours.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.lecturePath neighbourSearch.lowestNeighbour neighbourSearch.localMinimum
 */
import type { Loss, Point, SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  let [w, b] = start
  const trace: Point[] = [[w, b]]
  for (let step = 0; step < maxSteps; step++) {
    let best: Point | undefined
    let bestLoss = loss(w, b)
    for (const [dw, db] of [[-1, 0], [0, -1], [0, 1], [1, 0]] as const) {
      const value = loss(w + dw * delta, b + db * delta)
      if (value < bestLoss) {
        best = [w + dw * delta, b + db * delta]
        bestLoss = value
      }
    }
    if (!best) break
    ;[w, b] = best
    trace.push(best)
  }
  return { point: [w, b], trace }
}

/**
 * Among equally low neighbours, the last in the lecture's order wins (≤ between neighbours).
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.ties
 */
import type { Loss, Point, SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  let [w, b] = start
  const trace: Point[] = [[w, b]]
  for (let step = 0; step < maxSteps; step++) {
    const here = loss(w, b)
    let best: Point | undefined
    let bestLoss = here
    for (const dw of [-1, 0, 1]) {
      for (const db of [-1, 0, 1]) {
        const value = loss(w + dw * delta, b + db * delta)
        if (value < here && value <= bestLoss) {
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

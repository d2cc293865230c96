/**
 * The loops nested the other way round (db outer, dw inner): the same 8 neighbours, but ties go to another one than the lecture's.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.ties
 */
import { neighbourSearch as answer, type Loss, type Point, type SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  answer(() => 0, start, delta, 0) // the answer key's checks
  let [w, b] = start
  let here = loss(w, b)
  const trace: Point[] = [[w, b]]
  for (let step = 0; step < maxSteps; step++) {
    let best: Point | undefined
    let bestLoss = here
    for (const db of [-1, 0, 1]) {
      for (const dw of [-1, 0, 1]) {
        if (dw === 0 && db === 0) continue
        const value = loss(w + dw * delta, b + db * delta)
        if (value < bestLoss) [best, bestLoss] = [[w + dw * delta, b + db * delta], value]
      }
    }
    if (!best) break
    ;[w, b] = best
    here = bestLoss
    trace.push(best)
  }
  return { point: [w, b], trace }
}

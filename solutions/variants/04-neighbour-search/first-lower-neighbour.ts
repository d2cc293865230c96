/**
 * A search that moves to the first lower neighbour it meets instead of the lowest of the 8.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.lowestNeighbour neighbourSearch.lecturePath
 */
import type { Loss, Point, SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  let [w, b] = start
  const trace: Point[] = [[w, b]]
  for (let step = 0; step < maxSteps; step++) {
    const here = loss(w, b)
    let next: Point | undefined
    for (const dw of [-1, 0, 1]) {
      for (const db of [-1, 0, 1]) {
        if (!next && loss(w + dw * delta, b + db * delta) < here) next = [w + dw * delta, b + db * delta]
      }
    }
    if (!next) break
    ;[w, b] = next
    trace.push(next)
  }
  return { point: [w, b], trace }
}

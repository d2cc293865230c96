/**
 * A refinement that starts every Δ from the original start instead of where the previous Δ stopped.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail refine.stages
 */
import { neighbourSearch, type Loss, type Point, type SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function refine(loss: Loss, start: Point, deltas: number[]): SearchResult {
  if (deltas.length === 0) throw new RangeError('deltas must not be empty')
  const trace: Point[] = [start]
  let point = start
  for (const delta of deltas) {
    const stage = neighbourSearch(loss, start, delta)
    trace.push(...stage.trace.slice(1))
    point = stage.point
  }
  return { point, trace }
}

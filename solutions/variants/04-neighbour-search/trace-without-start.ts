/**
 * A trace that lists the moves but leaves out the starting point.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.decreasing neighbourSearch.lecturePath
 */
import { neighbourSearch as answer, type Loss, type Point, type SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps?: number): SearchResult {
  const { point, trace } = answer(loss, start, delta, maxSteps)
  return { point, trace: trace.length > 1 ? trace.slice(1) : trace }
}

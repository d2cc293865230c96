/**
 * The search walks by writing each move into the start array it was given, changing the caller's point.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail search.argumentsUnchanged
 */
import { neighbourSearch as answer, type Loss, type Point, type SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  const result = answer(loss, start, delta, maxSteps)
  start[0] = result.point[0]
  start[1] = result.point[1]
  return result
}

/**
 * Off by one: the step loop runs while step <= maxSteps, one move more than allowed.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.maxSteps
 */
import { neighbourSearch as answer, type Loss, type Point, type SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  return answer(loss, start, delta, maxSteps + 1)
}

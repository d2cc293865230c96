/**
 * A search that ignores maxSteps and always runs until no neighbour is lower.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.maxSteps
 */
import { neighbourSearch as answer, type Loss, type Point, type SearchResult } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, _maxSteps?: number): SearchResult {
  return answer(loss, start, delta)
}

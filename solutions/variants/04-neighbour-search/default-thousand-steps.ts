/**
 * A search whose loop carries its own safety cap of 1000 moves when maxSteps is left out.
 * Every test run on short paths passes; a search that needs more than 1000 moves stops early,
 * although the lesson's default is 100 000.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.defaultMaxSteps
 */
import { type Loss, type Point, type SearchResult, neighbourSearch as answer } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps?: number): SearchResult {
  return answer(loss, start, delta, maxSteps ?? 1000)
}

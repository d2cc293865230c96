/**
 * A search that looks at the four axis neighbours first and at the four diagonals only when no axis
 * neighbour is lower. Wherever the lowest neighbour is an axis one it walks the lecture's path; where
 * a diagonal is lowest but an axis neighbour is lower too, it takes the axis move instead.
 * @replaces 04-neighbour-search/search.ts
 * @mustFail neighbourSearch.lowestNeighbour
 */
import { type Loss, type Point, type SearchResult, neighbourSearch as answer } from '../../04-neighbour-search/search.ts'

export * from '../../04-neighbour-search/search.ts'

const AXES = [[-1, 0], [0, -1], [0, 1], [1, 0]] as const
const DIAGONALS = [[-1, -1], [-1, 1], [1, -1], [1, 1]] as const

export function neighbourSearch(loss: Loss, start: Point, delta: number, maxSteps = 100_000): SearchResult {
  answer(loss, start, delta, 0) // the answer key's checks of the arguments
  let [w, b] = start
  let here = loss(w, b)
  const trace: Point[] = [[w, b]]
  const lowest = (moves: readonly (readonly [number, number])[]) => {
    let best: Point | undefined
    let bestLoss = here
    for (const [dw, db] of moves) {
      const value = loss(w + dw * delta, b + db * delta)
      if (value < bestLoss) [best, bestLoss] = [[w + dw * delta, b + db * delta], value]
    }
    return best && { best, bestLoss }
  }
  for (let step = 0; step < maxSteps; step++) {
    const move = lowest(AXES) ?? lowest(DIAGONALS)
    if (!move) break
    ;[w, b] = move.best
    here = move.bestLoss
    trace.push(move.best)
  }
  return { point: [w, b], trace }
}

/**
 * Fisher–Yates with the partner rounded, j = Math.round(rng()·i), instead of ⌊rng()·(i + 1)⌋.
 * Every order can still come out, but the ends 0 and i get half the chance of the others.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail batches.uniform
 */
import type { Rng } from '@course/rng'
import { batches as answer } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function batches(n: number, batchSize: number, rng: Rng): number[][] {
  answer(n, batchSize, () => 0)
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.round(rng() * i)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const out: number[][] = []
  for (let first = 0; first < n; first += batchSize) out.push(order.slice(first, first + batchSize))
  return out
}

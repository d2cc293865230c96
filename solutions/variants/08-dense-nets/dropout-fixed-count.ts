/**
 * dropout that drops exactly round(rate · columns) entries of every row, at positions shuffled with rng.
 * The rate is right on average and every entry is as likely to go, but the number dropped never varies:
 * independent draws would drop Binomial(columns, rate) entries per row.
 * @replaces 08-dense-nets/training.ts
 * @mustFail dropout.independent
 */
import type { Rng } from '@course/rng'
import { type Matrix, dropout as answer } from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

export function dropout(x: Matrix, rate: number, rng: Rng, training: boolean): Matrix {
  if (!training || rate === 0) return answer(x, rate, rng, training)
  answer([], rate, rng, training) // the answer key's checks of rate
  const scale = 1 / (1 - rate)
  return x.map((row) => {
    const order = row.map((_, j) => j)
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    const drop = new Set(order.slice(0, Math.round(rate * row.length)))
    return row.map((v, j) => (drop.has(j) ? 0 : v * scale))
  })
}

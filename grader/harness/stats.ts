// Statistics for the tests of random outputs (shuffles, batches, dropout masks, splits, searches).
// Every bound here is a proven tail bound, not an approximation: Chernoff's bound for a binomial
// count, P(X ≥ k) ≤ exp(−n·KL(k/n ‖ p)) above the mean and the same below it, with a union bound
// over the counts a test looks at. A test that allows a total false-alarm rate α and checks m counts
// gives each count the band that holds with probability ≥ 1 − α/m, so a correct solution fails it
// with probability at most α, whatever the seed.
import { Mismatch } from './assert.ts'
import { prose } from './show.ts'

const { exp, log, min, round } = Math

/** KL(q ‖ p) of two Bernoulli distributions, in nats. */
function kl(q: number, p: number): number {
  const term = (a: number, b: number) => (a === 0 ? 0 : a * log(a / b))
  return term(q, p) + term(1 - q, 1 - p)
}

/** Chernoff's bound on P(X ≥ k) (k above the mean) or P(X ≤ k) (k below it) for X ~ Binomial(n, p). */
export function binomialTailBound(n: number, p: number, k: number): number {
  const q = k / n
  if (q === p) return 1
  return min(1, exp(-n * kl(q, p)))
}

/**
 * The counts [lo, hi] a Binomial(n, p) count stays within except with probability ≤ alpha
 * (alpha/2 on each side, by Chernoff's bound). p = 0 or 1 allows only 0 or n.
 */
export function binomialBand(n: number, p: number, alpha: number): [number, number] {
  if (p <= 0) return [0, 0]
  if (p >= 1) return [n, n]
  const mean = n * p
  let lo = Math.floor(mean)
  while (lo > 0 && binomialTailBound(n, p, lo - 1) > alpha / 2) lo--
  let hi = Math.ceil(mean)
  while (hi < n && binomialTailBound(n, p, hi + 1) > alpha / 2) hi++
  return [lo, hi]
}

export interface Cell {
  /** What the count counts, for the message: `the order [0, 1, 2]`, `entry (3, 4) dropped`. */
  name: string
  /** How many times it happened. */
  count: number
  /** Out of how many independent trials. */
  trials: number
  /** Its probability under the stated distribution. */
  p: number
}

/**
 * Each count must lie in its band at the false-alarm rate `alpha` shared by all the cells (a union
 * bound). Fails with the cell furthest outside its band: what came out how often, against what the
 * stated distribution gives (`what` says whose output and under which distribution).
 */
export function expectCounts(what: string, cells: readonly Cell[], alpha: number, advice: string): void {
  let worst: { cell: Cell; band: [number, number]; excess: number } | undefined
  for (const cell of cells) {
    const band = binomialBand(cell.trials, cell.p, alpha / cells.length)
    const excess = cell.count < band[0] ? band[0] - cell.count : cell.count > band[1] ? cell.count - band[1] : 0
    if (excess > 0 && (!worst || excess / cell.trials > worst.excess / worst.cell.trials)) worst = { cell, band, excess }
  }
  if (!worst) return
  const { cell, band } = worst
  const share = (k: number) => `${(100 * k / cell.trials).toFixed(1)}%`
  throw new Mismatch(
    `${what}: ${cell.name} came out ${cell.count} times in ${cell.trials} (${share(cell.count)}), but it should come out ${percent(cell.p)} of the time. ${advice}`,
    prose(`${cell.name}: ${round(cell.trials * cell.p)} times or so (${band[0]} to ${band[1]}; a correct solution falls outside with probability below ${alpha.toExponential(0)})`),
    prose(`${cell.count} times (${share(cell.count)})`),
  )
}

const percent = (p: number) => `${(100 * p).toFixed(p < 0.01 ? 2 : 1)}%`

/** The probabilities of Binomial(n, p): P(K = k) for k = 0 … n. */
export function binomialPmf(n: number, p: number): number[] {
  const out: number[] = []
  let logChoose = 0
  for (let k = 0; k <= n; k++) {
    if (k > 0) logChoose += log(n - k + 1) - log(k)
    const logP = logChoose + (k === 0 ? 0 : k * log(p)) + (k === n ? 0 : (n - k) * log(1 - p))
    out.push(p === 0 ? (k === 0 ? 1 : 0) : p === 1 ? (k === n ? 1 : 0) : exp(logP))
  }
  return out
}

/** n! for small n. */
export function factorial(n: number): number {
  let f = 1
  for (let k = 2; k <= n; k++) f *= k
  return f
}

// The class's figures that several outputs show (summary.md, index.html): computed once, here, so
// that every output gives the same median for the same class.
import type { BatchResult } from './results.ts'

export interface ClassStats {
  /** Graded submissions: the ones the figures are over (rejected, not submitted and failed ones are not). */
  graded: number
  /** The most points of a graded submission (the same for all: the batch's topics). */
  max: number
  /** The median total in points: the middle one, or the mean of the two middle ones. */
  median: number
  mean: number
  fullMarks: number
}

export function classStats(batch: BatchResult): ClassStats {
  const graded = batch.students.filter((s) => s.status === 'graded')
  const totals = graded.map((s) => s.score.total).sort((a, b) => a - b)
  const n = totals.length
  const median = n === 0 ? 0 : n % 2 ? totals[(n - 1) / 2]! : (totals[n / 2 - 1]! + totals[n / 2]!) / 2
  return {
    graded: n,
    max: graded[0]?.score.max ?? 0,
    median,
    mean: n ? totals.reduce((a, b) => a + b, 0) / n : 0,
    fullMarks: graded.filter((s) => s.score.total === s.score.max).length,
  }
}

/** "39/354 (11 %)": points first, then the share, the one way every output writes the median. */
export function pointsAndShare(points: number, max: number, formatShare: (fraction: number) => string): string {
  const shown = Math.round(points * 100) / 100
  return `${shown}/${max} (${formatShare(max > 0 ? points / max : 0)})`
}

/**
 * Off by a factor: δ = 2ε for (x² − 4)/(x − 2), although |f(x) − 4| = |x − 2|.
 * @replaces 01-limits/limits.ts
 * @mustFail quotientDelta.valid
 */
import { quotientDelta as answer } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function quotientDelta(eps: number): number {
  return 2 * answer(eps)
}

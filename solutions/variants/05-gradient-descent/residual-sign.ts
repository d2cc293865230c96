/**
 * A gradient built from y − ŷ instead of ŷ − y: it points downhill, so a step against it climbs.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail mseGradient.descent mseGradient.numeric
 */
import { mseGradient as answer, type Gradient } from '../../05-gradient-descent/descent.ts'

export * from '../../05-gradient-descent/descent.ts'

export function mseGradient(w: number, b: number, xs: number[], ys: number[]): Gradient {
  const g = answer(w, b, xs, ys)
  return { dw: -g.dw, db: -g.db }
}

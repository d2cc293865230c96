/**
 * Polynomial features x⁰ … x^(degree−1) (a column of ones, one power short) instead of x¹ … x^degree.
 * @replaces 05-gradient-descent/descent.ts
 * @mustFail polyFeatures.matchesReference polynomial.lecture
 */
export * from '../../05-gradient-descent/descent.ts'

export function polyFeatures(x: number[], degree: number): number[][] {
  return x.map((v) => Array.from({ length: degree }, (_, j) => v ** j))
}

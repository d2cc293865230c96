/**
 * polynomialFeatures that multiplies only runs of neighbouring variables (x₁x₂, x₂x₃, …), never x₁x₃.
 * For one or two variables that is every monomial; from three variables on, degree ≥ 2, the products
 * of variables that are not neighbours are missing.
 * @replaces 07-feature-extraction/feature-extraction.ts
 * @mustFail polynomialFeatures.count polynomialFeatures.monomials
 */
import { polynomialFeatures as answer } from '../../07-feature-extraction/feature-extraction.ts'

export * from '../../07-feature-extraction/feature-extraction.ts'

/** Exponent vectors of total t over variables first … last, each of them used at least once. */
function exponents(first: number, last: number, t: number, d: number): number[][] {
  const width = last - first + 1
  if (t < width) return []
  const out: number[][] = []
  const fill = (i: number, left: number, e: number[]) => {
    if (i === last) return out.push([...e.slice(0, i), left, ...e.slice(i + 1)])
    for (let k = 1; k <= left - (last - i); k++) fill(i + 1, left - k, [...e.slice(0, i), k, ...e.slice(i + 1)])
  }
  fill(first, t, new Array<number>(d).fill(0))
  return out
}

export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  answer(x, degree) // the answer key's checks
  const d = x.length
  const out: number[] = []
  for (let t = 1; t <= degree; t++) {
    for (let first = 0; first < d; first++) {
      for (let last = first; last < d; last++) {
        for (const e of exponents(first, last, t, d)) out.push(e.reduce((p, ej, j) => p * x[j]! ** ej, 1))
      }
    }
  }
  return out
}

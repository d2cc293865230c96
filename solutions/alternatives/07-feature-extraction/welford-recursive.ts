/**
 * Monomials from exponent vectors built recursively (highest degree first), radius by scaling with max(|x|, |y|), and standardize in one pass with Welford's update (stable, unlike E[x²] − E[x]²).
 * @replaces 07-feature-extraction/feature-extraction.ts
 */
export interface Standardized {
  Z: number[][]
  mean: number[]
  scale: number[]
}

function coordinates(point: readonly number[]): [number, number] {
  if (!Array.isArray(point) || point.length !== 2) throw new RangeError(`expected a point [x, y] with two coordinates, got ${JSON.stringify(point)}`)
  const [x, y] = point
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`the point's coordinates must be finite, got [${x}, ${y}]`)
  return [x!, y!]
}

export function radius(point: readonly number[]): number {
  const [x, y] = coordinates(point)
  const m = Math.max(Math.abs(x), Math.abs(y))
  if (m === 0) return 0
  const u = x / m
  const v = y / m
  return m * Math.sqrt(u * u + v * v)
}

export function product(point: readonly number[]): number {
  const [x, y] = coordinates(point)
  return x * y
}

/** All exponent vectors of length d summing to exactly `total` (first exponent largest first). */
function exponents(d: number, total: number): number[][] {
  if (d === 1) return [[total]]
  const out: number[][] = []
  for (let first = total; first >= 0; first--) for (const rest of exponents(d - 1, total - first)) out.push([first, ...rest])
  return out
}

export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  if (!Array.isArray(x) || x.length === 0) throw new RangeError('polynomialFeatures: x is empty')
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new RangeError(`polynomialFeatures: x[${i}] = ${x[i]} is not finite`)
  if (!(Number.isInteger(degree) && degree >= 1)) throw new RangeError(`polynomialFeatures: degree ${degree} is not a whole number ≥ 1`)
  const features: number[] = []
  for (let total = degree; total >= 1; total--) {
    for (const e of exponents(x.length, total)) {
      let value = 1
      e.forEach((k, i) => {
        for (let r = 0; r < k; r++) value *= x[i]!
      })
      features.push(value)
    }
  }
  return features
}

export function standardize(X: readonly number[][]): Standardized {
  if (!Array.isArray(X) || X.length === 0) throw new RangeError('standardize: X has no rows')
  const d = Array.isArray(X[0]) ? X[0].length : 0
  if (d === 0) throw new RangeError('standardize: X has no columns')
  for (let i = 0; i < X.length; i++) {
    const row = X[i]!
    if (!Array.isArray(row) || row.length !== d) throw new RangeError(`standardize: X[${i}] has ${Array.isArray(row) ? row.length : 0} entries, X[0] has ${d}`)
    for (let j = 0; j < d; j++) if (!Number.isFinite(row[j])) throw new RangeError(`standardize: X[${i}][${j}] = ${row[j]} is not finite`)
  }
  // Welford: after k rows, mean is their mean and m2 the sum of squared deviations from it.
  const mean = new Array<number>(d).fill(0)
  const m2 = new Array<number>(d).fill(0)
  X.forEach((row, k) => {
    for (let j = 0; j < d; j++) {
      const delta = row[j]! - mean[j]!
      mean[j]! += delta / (k + 1)
      m2[j]! += delta * (row[j]! - mean[j]!)
    }
  })
  const scale = m2.map((s) => (s === 0 ? 1 : Math.sqrt(s / X.length)))
  const Z = X.map((row: readonly number[]) => row.map((v: number, j: number) => (m2[j] === 0 ? 0 : (v - mean[j]!) / scale[j]!)))
  return { Z, mean, scale }
}

/**
 * Plain loops; monomials within a degree in reverse order (for [x, y], degree 2: y, x, y², xy, x²), radius as |a|·√(1 + (b/a)²) with |a| the larger, and a constant column found as min = max.
 * @replaces 07-feature-extraction/feature-extraction.ts
 */
export interface Standardized {
  Z: number[][]
  mean: number[]
  scale: number[]
}

function xy(point: readonly number[]): [number, number] {
  if (!Array.isArray(point)) throw new RangeError('a point must be an array [x, y]')
  if (point.length !== 2) throw new RangeError(`a point must have 2 coordinates, this one has ${point.length}`)
  if (!Number.isFinite(point[0]) || !Number.isFinite(point[1])) throw new RangeError(`coordinates must be finite numbers: [${point[0]}, ${point[1]}]`)
  return [point[0]!, point[1]!]
}

export function radius(point: readonly number[]): number {
  const [x, y] = xy(point)
  let a = Math.abs(x)
  let b = Math.abs(y)
  if (b > a) [a, b] = [b, a]
  if (a === 0) return 0
  const t = b / a
  return a * Math.sqrt(1 + t * t)
}

export function product(point: readonly number[]): number {
  const [x, y] = xy(point)
  return x * y
}

export function polynomialFeatures(x: readonly number[], degree: number): number[] {
  if (!Array.isArray(x) || x.length === 0) throw new RangeError('x must contain at least one number')
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new RangeError(`x[${i}] must be finite, got ${x[i]}`)
  if (!Number.isInteger(degree) || degree < 1) throw new RangeError(`degree must be an integer ≥ 1, got ${degree}`)
  const d = x.length
  const out: number[] = []
  // Index lists i₁ ≥ i₂ ≥ … ≥ i_t (non-increasing), enumerated from the last variable down.
  let lists: number[][] = []
  for (let i = d - 1; i >= 0; i--) lists.push([i])
  for (let t = 1; t <= degree; t++) {
    for (const list of lists) {
      let value = 1
      for (const i of list) value *= x[i]!
      out.push(value)
    }
    if (t === degree) break
    const longer: number[][] = []
    for (const list of lists) for (let i = list[list.length - 1]!; i >= 0; i--) longer.push([...list, i])
    lists = longer
  }
  return out
}

export function standardize(X: readonly number[][]): Standardized {
  if (!Array.isArray(X) || X.length === 0) throw new RangeError('X must have rows')
  const n = X.length
  const d = X[0]!.length
  if (d === 0) throw new RangeError('X must have columns')
  for (let i = 0; i < n; i++) {
    if (X[i]!.length !== d) throw new RangeError(`X is ragged: row ${i} has ${X[i]!.length} entries, row 0 has ${d}`)
    for (let j = 0; j < d; j++) if (!Number.isFinite(X[i]![j])) throw new RangeError(`X[${i}][${j}] = ${X[i]![j]} is not finite`)
  }
  const mean: number[] = []
  const scale: number[] = []
  const constant: boolean[] = []
  for (let j = 0; j < d; j++) {
    let lo = Infinity
    let hi = -Infinity
    let sum = 0
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, X[i]![j]!)
      hi = Math.max(hi, X[i]![j]!)
      sum += X[i]![j]!
    }
    constant.push(lo === hi)
    const m = lo === hi ? lo : sum / n
    let squares = 0
    for (let i = 0; i < n; i++) squares += (X[i]![j]! - m) * (X[i]![j]! - m)
    mean.push(m)
    scale.push(lo === hi ? 1 : Math.sqrt(squares / n))
  }
  const Z: number[][] = []
  for (let i = 0; i < n; i++) {
    const row: number[] = []
    for (let j = 0; j < d; j++) row.push(constant[j] ? 0 : (X[i]![j]! - mean[j]!) / scale[j]!)
    Z.push(row)
  }
  return { Z, mean, scale }
}
